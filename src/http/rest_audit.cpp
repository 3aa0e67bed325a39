// The audit trail and the API's own description.
#include "admin/audit_log.hpp"
#include "http/openapi.hpp"
#include "http/rest_routes.hpp"
#include "http/rest_support.hpp"

namespace scepter::http {
namespace {

Result<Response> list_events(RestCall& call) {
  SCEPTER_TRY(const auto paging, paging_of(call));
  admin::AuditQuery query{.actor = call.query_parameter("actor"),
                          .action = call.query_parameter("action"),
                          .target_contains = call.query_parameter("target"),
                          .limit = paging.limit,
                          .offset = paging.offset};
  SCEPTER_TRY(query.since, time_parameter(call, "since"));
  SCEPTER_TRY(query.until, time_parameter(call, "until"));
  SCEPTER_TRY(const auto events, admin::AuditLog(call.workspace, call.actor).list(query));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& event : events) items.push_back(admin::to_json(event));
  return page_response(std::move(items), paging.limit, paging.offset);
}

Result<Response> describe(RestCall&) {
  return json_response(200, openapi_document(rest_routes()));
}

}  // namespace

std::vector<RestRoute> audit_routes() {
  const std::string base(kApiPrefix);
  return {
      {.method = "GET",
       .path = base + "/audit-events",
       .summary = "List audit events, newest first (MRAO)",
       .handler = list_events,
       .query = {{"actor", "exact actor, e.g. admin:alice"},
                 {"action", "exact action, or a prefix ending in '.' (account.)"},
                 {"target", "text within the target"},
                 {"since", "at or after (Unix seconds or RFC 3339)"},
                 {"until", "before (Unix seconds or RFC 3339)"},
                 {"limit", "page size, 1 to 1000 (default 100)", "integer"},
                 {"offset", "events to skip (default 0)", "integer"}}},
      {.method = "GET",
       .path = base + "/openapi.json",
       .summary = "This API's OpenAPI 3.1 description",
       .handler = describe,
       .requires_auth = false},
  };
}

}  // namespace scepter::http
