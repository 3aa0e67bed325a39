#include "store/postgres/transaction.hpp"

#include <utility>

#include "core/log.hpp"

namespace scepter::store::postgres {

Result<DatabaseTransaction> DatabaseTransaction::begin(Connection& connection) {
  SCEPTER_CHECK(connection.execute("BEGIN"));
  return DatabaseTransaction(connection);
}

DatabaseTransaction::~DatabaseTransaction() {
  // A broken link needs no rollback: the server discards what was not committed.
  if (!connection_ || connection_->broken()) return;
  if (auto rolled_back = connection_->execute("ROLLBACK"); !rolled_back) {
    log::error("store rollback failed", {{"detail", rolled_back.error().log_text}});
  }
}

Status DatabaseTransaction::commit() {
  Connection* connection = std::exchange(connection_, nullptr);
  return connection->execute("COMMIT");
}

}  // namespace scepter::store::postgres
