#include "store/sqlite/transaction.hpp"

#include "core/log.hpp"

namespace scepter::store::sqlite {
namespace {

// Through the connection's statement cache: each enrollment is one transaction, and sqlite3_exec
// would parse BEGIN and COMMIT again every time.
Status run(Connection& connection, std::string_view sql) {
  SCEPTER_TRY(auto statement, connection.prepare(sql));
  return statement->run();
}

}  // namespace

Result<WriteTransaction> WriteTransaction::begin(Connection& connection) {
  SCEPTER_CHECK(run(connection, "BEGIN IMMEDIATE"));
  return WriteTransaction(connection);
}

WriteTransaction::~WriteTransaction() {
  // Some errors (I/O, out of memory) already end the transaction inside SQLite.
  if (!connection_ || !connection_->in_transaction()) return;
  if (auto rolled_back = run(*connection_, "ROLLBACK"); !rolled_back) {
    log::error("store rollback failed", {{"detail", rolled_back.error().log_text}});
  }
}

Status WriteTransaction::commit() {
  SCEPTER_CHECK(run(*connection_, "COMMIT"));
  connection_ = nullptr;
  return {};
}

}  // namespace scepter::store::sqlite
