#pragma once
// What a database engine adds to the store's shared SQL (sql_store_impl.hpp): where connections
// come from and how a transaction runs on it.

#include "core/error.hpp"
#include "core/function_ref.hpp"
#include "store/sql/connection.hpp"

namespace scepter::store::sql {

class Backend {
 public:
  using Body = FunctionRef<Status(Connection&)>;

  virtual ~Backend() = default;

  // Runs `body` on a pooled connection in autocommit: one statement, or reads that need no
  // common snapshot.
  virtual Status read(Body body) = 0;
  // Runs `body` as one transaction: committed if it succeeds, rolled back otherwise. A backend
  // may run it again after it lost a race with another writer, so a body must derive everything
  // it writes from what it reads inside the transaction.
  virtual Status write(Body body) = 0;
};

}  // namespace scepter::store::sql
