// The PostgreSQL Backend of the SQL store, and how a store or a migration run opens it.
#include "store/postgres/postgres_store.hpp"

#include <chrono>
#include <functional>
#include <thread>

#include "store/migrations.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/migrate.hpp"
#include "store/postgres/transaction.hpp"
#include "store/sql/connection_pool.hpp"
#include "store/sql/sql_store_impl.hpp"

namespace scepter::store::postgres {
namespace {

// How often a transaction that lost a serialization race is tried in all.
constexpr int kWriteAttempts = 5;

bool lost_race(std::string_view sqlstate) {
  return sqlstate == kSerializationFailure || sqlstate == kDeadlockDetected;
}

void back_off(int attempt) {
  // Spread the retries of transactions that collided so that they do not collide again.
  const auto spread = std::hash<std::thread::id>{}(std::this_thread::get_id()) % 5;
  std::this_thread::sleep_for(std::chrono::milliseconds(attempt * (2 + spread)));
}

class PostgresBackend final : public sql::Backend {
 public:
  PostgresBackend(const std::string& uri, const PostgresOptions& options)
      : pool_([uri, timeout = options.connect_timeout_s] { return Connection::open(uri, timeout); },
              options.max_connections) {}

  Status read(Body body) override {
    SCEPTER_TRY(auto lease, pool_.acquire());
    return body(*lease);
  }

  // The transaction runs again when the server chose it as a deadlock victim (or, on a server
  // whose default isolation is SERIALIZABLE, when it lost a serialization race).
  Status write(Body body) override {
    for (int attempt = 1;; ++attempt) {
      SCEPTER_TRY(auto lease, pool_.acquire());
      bool retry = false;
      auto result = attempt_write(*lease, body, retry);
      if (result || !retry || attempt == kWriteAttempts) return result;
      back_off(attempt);
    }
  }

  Result<SchemaChange> migrate() {
    SCEPTER_TRY(auto lease, pool_.acquire());
    return apply_migrations(*lease, migrations());
  }

  Status require_current_schema() {
    SCEPTER_TRY(auto lease, pool_.acquire());
    return postgres::require_current_schema(*lease, migrations());
  }

 private:
  static Status attempt_write(Connection& connection, Body body, bool& retry) {
    SCEPTER_TRY(auto transaction, DatabaseTransaction::begin(connection));
    auto result = body(connection);
    if (result) result = transaction.commit();
    // Read before the rollback, which clears it.
    retry = !result && lost_race(connection.last_sqlstate());
    return result;
  }

  sql::ConnectionPool<Connection> pool_;
};

}  // namespace
}  // namespace scepter::store::postgres

namespace scepter::store {

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& uri,
                                                   const PostgresOptions& options) {
  auto backend = std::make_unique<postgres::PostgresBackend>(uri, options);
  if (options.apply_migrations) {
    SCEPTER_CHECK(backend->migrate());
  } else {
    SCEPTER_CHECK(backend->require_current_schema());
  }
  return std::make_unique<sql::SqlStore>(std::move(backend));
}

Result<SchemaChange> migrate_postgres(const std::string& uri, const PostgresOptions& options) {
  return postgres::PostgresBackend(uri, options).migrate();
}

}  // namespace scepter::store
