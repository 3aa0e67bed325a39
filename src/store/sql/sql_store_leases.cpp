// Leases: work that one node of several does at a time.
#include "store/sql/sql_store_impl.hpp"
#include "store/sql/statements.hpp"

namespace scepter::store::sql {

Result<bool> SqlStore::acquire_lease(const std::string& name, const std::string& holder,
                                     long long now, int ttl_seconds) {
  if (ttl_seconds <= 0) return fail(invalid_field("ttl_seconds", "must be positive"));
  return write([&](Connection& c) -> Result<bool> {
    // The upsert's WHERE leaves a lease that someone else holds untouched: no row changes then.
    SCEPTER_TRY(long long changed,
                execute(c,
                        "INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) "
                        "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
                        "expires_at = excluded.expires_at "
                        "WHERE leases.holder = excluded.holder OR leases.expires_at <= ?",
                        name, holder, now + ttl_seconds, now));
    return changed > 0;
  });
}

Status SqlStore::release_lease(const std::string& name, const std::string& holder) {
  return write([&](Connection& c) {
    return run(c, "DELETE FROM leases WHERE name = ? AND holder = ?", name, holder);
  });
}

}  // namespace scepter::store::sql
