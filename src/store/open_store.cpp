#include "store/open_store.hpp"

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace scepter::store {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";

std::string sqlite_path(std::string_view database) {
  if (database.starts_with(kSqlitePrefix)) database.remove_prefix(kSqlitePrefix.size());
  return std::string(database);
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
