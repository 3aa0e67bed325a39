// The SQLite Backend of the SQL store, and how a store opens it.
#include "store/sqlite/sqlite_store.hpp"

#include <mutex>

#include "store/migrations.hpp"
#include "store/sql/connection_pool.hpp"
#include "store/sql/sql_store_impl.hpp"
#include "store/sql/statements.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/migrate.hpp"
#include "store/sqlite/transaction.hpp"

namespace scepter::store::sqlite {
namespace {

Result<int> schema_version(Connection& connection) {
  SCEPTER_TRY(long long tables, sql::select_integer(connection,
                                                    "SELECT COUNT(*) FROM sqlite_master "
                                                    "WHERE type = 'table' AND name = ?",
                                                    std::string("schema_version")));
  if (tables == 0) return 0;
  SCEPTER_TRY(
      long long version,
      sql::select_integer(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version"));
  return static_cast<int>(version);
}

class SqliteBackend final : public sql::Backend {
 public:
  SqliteBackend(const std::string& path, const SqliteOptions& options)
      : pool_(
            [path, connection_options = ConnectionOptions{options.busy_timeout_ms}] {
              return Connection::open(path, connection_options);
            },
            options.max_connections) {}

  Status read(Body body) override {
    SCEPTER_TRY(auto lease, pool_.acquire());
    return body(*lease);
  }

  // Writers of this process queue on a mutex rather than on SQLite's lock, whose busy handler
  // sleeps and polls; other processes still meet the SQLite lock and wait busy_timeout_ms.
  Status write(Body body) override {
    SCEPTER_TRY(auto lease, pool_.acquire());
    std::lock_guard one_writer(writers_);
    SCEPTER_TRY(auto transaction, WriteTransaction::begin(*lease));
    SCEPTER_CHECK(body(*lease));
    return transaction.commit();
  }

  Status migrate() {
    SCEPTER_TRY(auto lease, pool_.acquire());
    return apply_migrations(*lease, migrations());
  }

 private:
  sql::ConnectionPool<Connection> pool_;
  std::mutex writers_;
};

}  // namespace
}  // namespace scepter::store::sqlite

namespace scepter::store {

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 const SqliteOptions& options) {
  auto backend = std::make_unique<sqlite::SqliteBackend>(path, options);
  SCEPTER_CHECK(backend->migrate());
  return std::make_unique<sql::SqlStore>(std::move(backend));
}

Result<SchemaChange> migrate_sqlite(const std::string& path) {
  SCEPTER_TRY(auto connection, sqlite::Connection::open(path, {}));
  SCEPTER_TRY(const int from, sqlite::schema_version(*connection));
  SCEPTER_CHECK(sqlite::apply_migrations(*connection, migrations()));
  SCEPTER_TRY(const int to, sqlite::schema_version(*connection));
  return SchemaChange{.from = from, .to = to};
}

}  // namespace scepter::store
