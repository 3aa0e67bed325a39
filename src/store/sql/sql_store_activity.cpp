// What happens at run time besides issuance: rejections, throttling counters, the audit trail.
#include <algorithm>

#include "store/sql/sql_store_impl.hpp"
#include "store/sql/statements.hpp"

namespace scepter::store::sql {
namespace {

// Failures older than this are pruned whatever window their key is counted over.
constexpr long long kFailureRetentionSeconds = 24 * 60 * 60;
// One add_failure in this many also prunes keys that stopped failing.
constexpr unsigned kPruneEvery = 128;
// Rejections are recent evidence for operators, not an archive: unauthenticated clients cause
// them at will (CertPoll and GetCert misses), so each endpoint keeps only its newest ones.
constexpr int kRejectionsKeptPerEndpoint = 1000;

Result<Rejection> read_rejection(const Query& q) {
  return Rejection{.endpoint_id = q.integer(0),
                   .transaction_id = q.text(1),
                   .reason = q.text(2),
                   .client_address = q.text(3),
                   .at = q.integer(4)};
}

Result<AuditEvent> read_audit_event(const Query& q) {
  return AuditEvent{.id = q.integer(0),
                    .at = q.integer(1),
                    .actor = q.text(2),
                    .action = q.text(3),
                    .target = q.text(4),
                    .source = q.text(5),
                    .before = q.text(6),
                    .after = q.text(7)};
}

Result<int> count_recent_failures(Connection& c, const std::string& key, long long now,
                                  int window_seconds) {
  SCEPTER_TRY(long long count, select_integer(c,
                                              "SELECT COUNT(*) FROM throttle_failures "
                                              "WHERE failure_key = ? AND failed_at > ?",
                                              key, now - window_seconds));
  return static_cast<int>(count);
}

}  // namespace

Status SqlStore::record_rejection(const Rejection& rejection) {
  return write([&](Connection& c) -> Status {
    SCEPTER_CHECK(run(c,
                      "INSERT INTO enrollment_rejections (endpoint_id, transaction_id, reason, "
                      "client_address, rejected_at) VALUES (?, ?, ?, ?, ?)",
                      rejection.endpoint_id, rejection.transaction_id, rejection.reason,
                      rejection.client_address, rejection.at));
    return run(c,
               "DELETE FROM enrollment_rejections WHERE endpoint_id = ? AND id <= "
               "(SELECT id FROM enrollment_rejections WHERE endpoint_id = ? "
               "ORDER BY id DESC LIMIT 1 OFFSET ?)",
               rejection.endpoint_id, rejection.endpoint_id, kRejectionsKeptPerEndpoint);
  });
}

Result<std::vector<Rejection>> SqlStore::list_rejections(Id endpoint_id, Page page) {
  SCEPTER_CHECK(check_page(page));
  return read([&](Connection& c) {
    return select_all(c, read_rejection,
                      "SELECT endpoint_id, transaction_id, reason, client_address, rejected_at "
                      "FROM enrollment_rejections WHERE endpoint_id = ? "
                      "ORDER BY id DESC LIMIT ? OFFSET ?",
                      endpoint_id, page.limit, page.offset);
  });
}

Result<int> SqlStore::add_failure(const std::string& key, long long now, int window_seconds) {
  bool prune_all = failures_added_.fetch_add(1, std::memory_order_relaxed) % kPruneEvery == 0;
  return write([&](Connection& c) -> Result<int> {
    // Nodes counting failures of one key queue behind each other, so that each count includes
    // every failure committed before it.
    SCEPTER_CHECK(c.lock_key(key));
    // Rows outside this key's window can never count again for it.
    SCEPTER_CHECK(run(c, "DELETE FROM throttle_failures WHERE failure_key = ? AND failed_at <= ?",
                      key, now - window_seconds));
    if (prune_all) {
      SCEPTER_CHECK(run(c, "DELETE FROM throttle_failures WHERE failed_at <= ?",
                        now - std::max<long long>(window_seconds, kFailureRetentionSeconds)));
    }
    SCEPTER_CHECK(
        run(c, "INSERT INTO throttle_failures (failure_key, failed_at) VALUES (?, ?)", key, now));
    return count_recent_failures(c, key, now, window_seconds);
  });
}

Result<int> SqlStore::count_failures(const std::string& key, long long now, int window_seconds) {
  return read([&](Connection& c) { return count_recent_failures(c, key, now, window_seconds); });
}

Status SqlStore::append_audit(const AuditEvent& event) {
  return write([&](Connection& c) {
    return run(c,
               "INSERT INTO audit_events (occurred_at, actor, action, target, source, "
               "before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
               event.at, event.actor, event.action, event.target, event.source, event.before,
               event.after);
  });
}

Result<std::vector<AuditEvent>> SqlStore::list_audit(Page page) {
  SCEPTER_CHECK(check_page(page));
  return read([&](Connection& c) {
    return select_all(c, read_audit_event,
                      "SELECT id, occurred_at, actor, action, target, source, before_json, "
                      "after_json FROM audit_events ORDER BY id DESC LIMIT ? OFFSET ?",
                      page.limit, page.offset);
  });
}

}  // namespace scepter::store::sql
