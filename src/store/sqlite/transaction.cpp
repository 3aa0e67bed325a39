#include "store/sqlite/transaction.hpp"

#include "core/log.hpp"

namespace scepter::store::sqlite {

Result<WriteTransaction> WriteTransaction::begin(Connection& connection) {
  SCEPTER_CHECK(connection.execute("BEGIN IMMEDIATE"));
  return WriteTransaction(connection);
}

WriteTransaction::~WriteTransaction() {
  // Some errors (I/O, out of memory) already end the transaction inside SQLite.
  if (!connection_ || !connection_->in_transaction()) return;
  if (auto rolled_back = connection_->execute("ROLLBACK"); !rolled_back) {
    log::error("store rollback failed", {{"detail", rolled_back.error().log_text}});
  }
}

Status WriteTransaction::commit() {
  SCEPTER_CHECK(connection_->execute("COMMIT"));
  connection_ = nullptr;
  return {};
}

}  // namespace scepter::store::sqlite
