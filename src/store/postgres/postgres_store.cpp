#include "store/postgres/postgres_store.hpp"

#include <chrono>
#include <thread>

#include "store/postgres/migrate.hpp"
#include "store/postgres/postgres_store_impl.hpp"
#include "store/postgres/statements.hpp"

namespace scepter::store {

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& uri,
                                                   const PostgresOptions& options) {
  auto store = std::make_unique<postgres::PostgresStore>(uri, options);
  if (options.apply_migrations) {
    SCEPTER_CHECK(store->migrate());
  } else {
    SCEPTER_CHECK(store->require_current_schema());
  }
  return store;
}

Result<SchemaChange> migrate_postgres(const std::string& uri, const PostgresOptions& options) {
  postgres::PostgresStore store(uri, options);
  return store.migrate();
}

}  // namespace scepter::store

namespace scepter::store::postgres {
namespace {

constexpr std::string_view kConfigGeneration = "config_generation";

}  // namespace

Status bump_config_generation(Connection& connection) {
  SCEPTER_TRY(long long changed,
              execute(connection,
                      "UPDATE settings SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) "
                      "WHERE key = 'config_generation'"));
  if (changed != 1) {
    return fail(ErrorCategory::store, "database error", "settings has no config_generation row");
  }
  return {};
}

Status check_page(const Page& page) {
  if (page.limit < 0) return fail(invalid_field("limit", "limit must not be negative"));
  if (page.offset < 0) return fail(invalid_field("offset", "offset must not be negative"));
  return {};
}

Status replace_delegations(Connection& connection, DelegationTable table, Id owner,
                           const std::vector<Delegation>& delegations) {
  const std::string table_name = table.table;
  const std::string owner_column = table.owner_column;
  SCEPTER_CHECK(
      run(connection, "DELETE FROM " + table_name + " WHERE " + owner_column + " = ?", owner));
  const auto insert_sql = "INSERT INTO " + table_name + " (" + owner_column +
                          ", organization_id, department_id) VALUES (?, ?, ?)";
  for (const auto& delegation : delegations) {
    SCEPTER_CHECK(
        run(connection, insert_sql, owner, delegation.organization_id, delegation.department_id));
  }
  return {};
}

Result<std::vector<Delegation>> select_delegations(Connection& connection, DelegationTable table,
                                                   Id owner) {
  return select_all(
      connection,
      [](const Query& q) -> Result<Delegation> {
        return Delegation{.organization_id = q.integer(0), .department_id = q.optional_integer(1)};
      },
      "SELECT organization_id, department_id FROM " + std::string(table.table) + " WHERE " +
          table.owner_column + " = ? ORDER BY id",
      owner);
}

PostgresStore::PostgresStore(const std::string& uri, const PostgresOptions& options)
    : pool_(uri, options.connect_timeout_s, options.max_connections) {}

Result<SchemaChange> PostgresStore::migrate() {
  SCEPTER_TRY(auto lease, pool_.acquire());
  return apply_migrations(*lease, migrations());
}

Status PostgresStore::require_current_schema() {
  SCEPTER_TRY(auto lease, pool_.acquire());
  return postgres::require_current_schema(*lease, migrations());
}

bool PostgresStore::lost_race(std::string_view sqlstate) {
  return sqlstate == kSerializationFailure || sqlstate == kDeadlockDetected;
}

void PostgresStore::back_off(int attempt) {
  // Spread the retries of transactions that collided so that they do not collide again.
  const auto spread = std::hash<std::thread::id>{}(std::this_thread::get_id()) % 5;
  std::this_thread::sleep_for(std::chrono::milliseconds(attempt * (2 + spread)));
}

Result<long long> PostgresStore::config_generation() {
  return read([&](Connection& c) {
    return select_integer(
        c, "SELECT CAST(value AS BIGINT) FROM settings WHERE key = 'config_generation'");
  });
}

Result<std::optional<std::string>> PostgresStore::get_setting(const std::string& key) {
  return read([&](Connection& c) {
    return select_optional(
        c, [](const Query& q) -> Result<std::string> { return q.text(0); },
        "SELECT value FROM settings WHERE key = ?", key);
  });
}

Status PostgresStore::set_setting(const std::string& key, const std::string& value) {
  if (key == kConfigGeneration) {
    return fail(invalid_field("key", "config_generation is maintained by the store"));
  }
  return write([&](Connection& c) {
    return run(c,
               "INSERT INTO settings (key, value) VALUES (?, ?) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
               key, value);
  });
}

}  // namespace scepter::store::postgres
