#include "admin/audit_log.hpp"

#include "admin/json.hpp"
#include "admin/scope.hpp"

namespace scepter::admin {
namespace {

constexpr int kMaxLimit = 1000;

bool matches(const AuditQuery& query, const store::AuditEvent& event) {
  if (query.actor && event.actor != *query.actor) return false;
  if (query.action) {
    const bool prefix = query.action->ends_with('.');
    if (prefix ? !event.action.starts_with(*query.action) : event.action != *query.action) {
      return false;
    }
  }
  if (query.target_contains && event.target.find(*query.target_contains) == std::string::npos) {
    return false;
  }
  if (query.since && event.at < *query.since) return false;
  if (query.until && event.at >= *query.until) return false;
  return true;
}

nlohmann::json parsed_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  return nlohmann::json::parse(text, nullptr, false);
}

}  // namespace

Result<std::vector<store::AuditEvent>> AuditLog::list(const AuditQuery& query) {
  auto& store = workspace_.store();
  SCEPTER_CHECK(Scope(store, actor_.principal).require_mrao("read the audit trail"));
  if (query.limit < 1 || query.limit > kMaxLimit) {
    return fail(invalid_field("limit", "limit must be 1 to 1000"));
  }
  if (query.offset < 0) return fail(invalid_field("offset", "offset must not be negative"));
  std::vector<store::AuditEvent> events;
  int to_skip = query.offset;
  store::Page page{.limit = kMaxLimit, .offset = 0};
  while (std::ssize(events) < query.limit) {
    SCEPTER_TRY(const auto chunk, store.list_audit(page));
    for (const auto& event : chunk) {
      if (!matches(query, event)) continue;
      if (to_skip > 0) {
        --to_skip;
        continue;
      }
      events.push_back(event);
      if (std::ssize(events) == query.limit) break;
    }
    if (std::ssize(chunk) < kMaxLimit) break;
    page.offset += kMaxLimit;
  }
  return events;
}

nlohmann::json to_json(const store::AuditEvent& event) {
  return {{"id", event.id},
          {"at", rfc3339(event.at)},
          {"actor", event.actor},
          {"action", event.action},
          {"target", event.target},
          {"source", event.source},
          {"before", parsed_or_null(event.before)},
          {"after", parsed_or_null(event.after)}};
}

}  // namespace scepter::admin
