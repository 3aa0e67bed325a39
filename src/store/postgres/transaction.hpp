#pragma once
// One database transaction that rolls back unless committed. It runs at the server's default
// isolation (READ COMMITTED): constraints and row locks decide the races that matter (a unique
// serial or transactionID, UPDATE ... WHERE status = 'pending', the config_generation row, the
// advisory lock of a throttle key), so no body needs a snapshot that outlives one statement.

#include "core/error.hpp"
#include "store/postgres/connection.hpp"

namespace scepter::store::postgres {

class DatabaseTransaction {
 public:
  static Result<DatabaseTransaction> begin(Connection& connection);
  DatabaseTransaction(DatabaseTransaction&& other) noexcept : connection_(other.connection_) {
    other.connection_ = nullptr;
  }
  DatabaseTransaction& operator=(DatabaseTransaction&&) = delete;
  ~DatabaseTransaction();

  Status commit();

 private:
  explicit DatabaseTransaction(Connection& connection) : connection_(&connection) {}

  Connection* connection_;  // null once committed or moved from
};

}  // namespace scepter::store::postgres
