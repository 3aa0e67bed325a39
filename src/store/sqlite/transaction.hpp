#pragma once
// A write transaction that rolls back unless committed. It starts with BEGIN IMMEDIATE, which
// takes SQLite's write lock up front: a deferred transaction that reads first and writes later
// could fail with SQLITE_BUSY halfway, when another process wrote in between.

#include "core/error.hpp"
#include "store/sqlite/connection.hpp"

namespace scepter::store::sqlite {

class WriteTransaction {
 public:
  static Result<WriteTransaction> begin(Connection& connection);
  WriteTransaction(WriteTransaction&& other) noexcept : connection_(other.connection_) {
    other.connection_ = nullptr;
  }
  WriteTransaction& operator=(WriteTransaction&&) = delete;
  ~WriteTransaction();

  Status commit();

 private:
  explicit WriteTransaction(Connection& connection) : connection_(&connection) {}

  Connection* connection_;  // null once committed or moved from
};

}  // namespace scepter::store::sqlite
