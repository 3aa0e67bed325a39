#include "store/postgres/migrate.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include "core/log.hpp"
#include "store/postgres/dialect.hpp"
#include "store/postgres/transaction.hpp"
#include "store/sql/statements.hpp"

namespace scepter::store::postgres {
namespace {

using sql::run;
using sql::select_integer;

// The advisory lock every scepter node takes to migrate: "SCEPTER" and a 1.
constexpr long long kMigrationLock = 0x5343455054455201;

long long now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int newest_of(const std::vector<Migration>& migrations) {
  return migrations.empty() ? 0 : migrations.back().version;
}

std::unexpected<Error> refuse_newer(int found, int newest) {
  return fail(ErrorCategory::store, "database schema is newer than this program",
              "schema_version " + std::to_string(found) + " is newer than the newest migration " +
                  std::to_string(newest) + " this build knows; upgrade scepter");
}

// Holds the migration lock for its lifetime. When the link breaks the server releases it.
class MigrationLock {
 public:
  static Result<MigrationLock> take(Connection& connection) {
    SCEPTER_CHECK(run(connection, "SELECT pg_advisory_lock(?)", kMigrationLock));
    return MigrationLock(connection);
  }
  MigrationLock(MigrationLock&& other) noexcept
      : connection_(std::exchange(other.connection_, nullptr)) {}
  MigrationLock& operator=(MigrationLock&&) = delete;
  ~MigrationLock() {
    if (!connection_ || connection_->broken()) return;
    if (auto released = run(*connection_, "SELECT pg_advisory_unlock(?)", kMigrationLock);
        !released) {
      log::error("releasing the migration lock failed", {{"detail", released.error().log_text}});
    }
  }

 private:
  explicit MigrationLock(Connection& connection) : connection_(&connection) {}
  Connection* connection_;
};

Status apply_one(Connection& connection, const Migration& migration) {
  SCEPTER_TRY(auto transaction, DatabaseTransaction::begin(connection));
  if (auto applied = connection.execute(translate_migration(migration.sql)); !applied) {
    return fail(std::move(applied).error().context(
        "migration " + std::to_string(migration.version) + "_" + std::string(migration.name)));
  }
  SCEPTER_CHECK(run(connection,
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    migration.version, migration.name, now_unix()));
  return transaction.commit();
}

}  // namespace

Result<int> schema_version(Connection& connection) {
  SCEPTER_TRY(long long exists,
              select_integer(connection, "SELECT to_regclass('schema_version') IS NOT NULL"));
  if (!exists) return 0;
  SCEPTER_TRY(long long version,
              select_integer(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version"));
  return static_cast<int>(version);
}

Result<SchemaChange> apply_migrations(Connection& connection,
                                      const std::vector<Migration>& migrations) {
  SCEPTER_TRY(auto lock, MigrationLock::take(connection));
  SCEPTER_CHECK(connection.execute(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
  const int newest = newest_of(migrations);
  SCEPTER_TRY(const int from, schema_version(connection));
  if (from > newest) return refuse_newer(from, newest);
  for (const auto& migration : migrations) {
    if (migration.version <= from) continue;
    SCEPTER_CHECK(apply_one(connection, migration));
  }
  return SchemaChange{.from = from, .to = std::max(from, newest)};
}

Status require_current_schema(Connection& connection, const std::vector<Migration>& migrations) {
  const int newest = newest_of(migrations);
  SCEPTER_TRY(const int version, schema_version(connection));
  if (version > newest) return refuse_newer(version, newest);
  if (version < newest) {
    return fail(ErrorCategory::store, "database schema is version " + std::to_string(version) +
                                          ", this program needs " + std::to_string(newest) +
                                          ": run `scepter migrate`");
  }
  return {};
}

}  // namespace scepter::store::postgres
