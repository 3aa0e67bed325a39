// The store's settings and the configuration generation; the other methods are in the files
// sql_store_*.cpp by area.
#include "store/sql/sql_store_impl.hpp"
#include "store/sql/statements.hpp"

namespace scepter::store::sql {
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

Result<long long> SqlStore::config_generation() {
  return read([&](Connection& c) {
    return select_integer(
        c, "SELECT CAST(value AS BIGINT) FROM settings WHERE key = 'config_generation'");
  });
}

Result<long long> SqlStore::recent_config_generation(std::chrono::milliseconds max_age) {
  auto now = std::chrono::steady_clock::now();
  auto writes = config_writes_.load(std::memory_order_acquire);
  {
    std::lock_guard lock(recent_mutex_);
    if (recent_generation_ && recent_generation_->writes == writes &&
        now - recent_generation_->read_at < max_age) {
      return recent_generation_->value;
    }
  }
  // A configuration write of this process that ends after `writes` was taken changes the count, so
  // the value read here is never trusted past it.
  SCEPTER_TRY(auto generation, config_generation());
  std::lock_guard lock(recent_mutex_);
  recent_generation_ = RecentGeneration{generation, writes, now};
  return generation;
}

Result<std::optional<std::string>> SqlStore::get_setting(const std::string& key) {
  return read([&](Connection& c) {
    return select_optional(
        c, [](const Query& q) -> Result<std::string> { return q.text(0); },
        "SELECT value FROM settings WHERE key = ?", key);
  });
}

Status SqlStore::set_setting(const std::string& key, const std::string& value) {
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

}  // namespace scepter::store::sql
