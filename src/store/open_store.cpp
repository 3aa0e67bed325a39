#include "store/open_store.hpp"

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/migrate.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/statements.hpp"

namespace scepter::store {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";

std::string sqlite_path(std::string_view database) {
  if (database.starts_with(kSqlitePrefix)) database.remove_prefix(kSqlitePrefix.size());
  return std::string(database);
}

Result<int> sqlite_schema_version(sqlite::Connection& connection) {
  SCEPTER_TRY(long long tables, sqlite::select_integer(connection,
                                                       "SELECT COUNT(*) FROM sqlite_master "
                                                       "WHERE type = 'table' AND name = ?",
                                                       std::string("schema_version")));
  if (tables == 0) return 0;
  SCEPTER_TRY(
      long long version,
      sqlite::select_integer(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version"));
  return static_cast<int>(version);
}

Result<SchemaChange> migrate_sqlite(const std::string& path) {
  SCEPTER_TRY(auto connection, sqlite::Connection::open(path, {}));
  SCEPTER_TRY(const int from, sqlite_schema_version(*connection));
  SCEPTER_CHECK(sqlite::apply_migrations(*connection, migrations()));
  SCEPTER_TRY(const int to, sqlite_schema_version(*connection));
  return SchemaChange{.from = from, .to = to};
}

}  // namespace

bool is_postgres_location(std::string_view database) {
  return database.starts_with("postgresql://") || database.starts_with("postgres://");
}

Result<std::unique_ptr<Store>> open_store(const std::string& database, const OpenOptions& options) {
  if (is_postgres_location(database)) {
    return open_postgres_store(database, {.apply_migrations = options.migrate_postgres});
  }
  return open_sqlite_store(sqlite_path(database));
}

Result<SchemaChange> migrate_store(const std::string& database) {
  if (is_postgres_location(database)) return migrate_postgres(database);
  return migrate_sqlite(sqlite_path(database));
}

std::string describe_location(std::string_view database) {
  std::string text(database);
  if (!is_postgres_location(database)) return text;
  // postgresql://user:password@host/...: the password sits between the first ':' after the
  // scheme and the '@'...
  const auto authority = text.find("://") + 3;
  const auto at = text.find('@', authority);
  const auto colon = text.find(':', authority);
  if (at != std::string::npos && colon < at) text.replace(colon + 1, at - colon - 1, "***");
  // ...or in the query: ?password=...&
  constexpr std::string_view kParameter = "password=";
  if (const auto start = text.find(kParameter); start != std::string::npos) {
    const auto value = start + kParameter.size();
    const auto end = text.find('&', value);
    text.replace(value, (end == std::string::npos ? text.size() : end) - value, "***");
  }
  return text;
}

}  // namespace scepter::store
