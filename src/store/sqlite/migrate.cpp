#include "store/sqlite/migrate.hpp"

#include <chrono>

#include "store/sql/statements.hpp"
#include "store/sqlite/transaction.hpp"

namespace scepter::store::sqlite {
namespace {

using sql::run;
using sql::select_integer;

Result<int> current_version(Connection& connection) {
  SCEPTER_TRY(long long version,
              select_integer(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version"));
  return static_cast<int>(version);
}

Status refuse_newer(int found, int newest) {
  return fail(ErrorCategory::store, "database schema is newer than this program",
              "schema_version " + std::to_string(found) + " is newer than the newest migration " +
                  std::to_string(newest) + " this build knows; upgrade scepter");
}

long long now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status apply_one(Connection& connection, const Migration& migration, int newest) {
  SCEPTER_TRY(auto transaction, WriteTransaction::begin(connection));
  SCEPTER_TRY(int version, current_version(connection));
  if (version > newest) return refuse_newer(version, newest);
  // Another process may have applied it since we looked.
  if (version >= migration.version) return transaction.commit();
  if (auto applied = connection.execute(std::string(migration.sql)); !applied) {
    return fail(std::move(applied).error().context(
        "migration " + std::to_string(migration.version) + "_" + std::string(migration.name)));
  }
  SCEPTER_CHECK(run(connection,
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    migration.version, migration.name, now_unix()));
  return transaction.commit();
}

}  // namespace

Status apply_migrations(Connection& connection, const std::vector<Migration>& migrations) {
  SCEPTER_CHECK(connection.execute(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
  int newest = migrations.empty() ? 0 : migrations.back().version;
  SCEPTER_TRY(int version, current_version(connection));
  if (version > newest) return refuse_newer(version, newest);
  for (const auto& migration : migrations) {
    if (migration.version <= version) continue;
    SCEPTER_CHECK(apply_one(connection, migration, newest));
  }
  return {};
}

}  // namespace scepter::store::sqlite
