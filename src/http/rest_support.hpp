#pragma once
// What the REST handlers share: reading JSON bodies and query parameters with field-level
// errors, and the list conventions (?limit&offset&sort and a filter per listed column).

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "admin/delegations.hpp"
#include "core/error.hpp"
#include "http/rest_routes.hpp"

namespace scepter::http {

// Typed access to the members of a JSON object; a member of the wrong type is `invalid` naming it.
class JsonFields {
 public:
  explicit JsonFields(const nlohmann::json& object) : object_(object) {}

  Result<std::string> required_string(const std::string& field) const;
  Result<std::optional<std::string>> optional_string(const std::string& field) const;
  Result<std::optional<int>> optional_int(const std::string& field) const;
  Result<std::optional<bool>> optional_bool(const std::string& field) const;
  Result<std::optional<std::vector<std::string>>> optional_strings(const std::string& field) const;
  Result<std::optional<std::vector<int>>> optional_ints(const std::string& field) const;
  const nlohmann::json* member(const std::string& field) const;

 private:
  template <class T, class Check>
  Result<std::optional<T>> optional(const std::string& field, Check check,
                                    std::string_view expected) const;

  const nlohmann::json& object_;
};

// `members` with none required: what a PATCH route takes of what its create route requires.
std::vector<BodyMember> all_optional(std::vector<BodyMember> members);

// A member a body may not hold is refused rather than ignored: an admin who misspells one would
// otherwise read the 200 as "changed". bad_request naming the first such member.
Status only_members(const nlohmann::json& object, std::span<const BodyMember> accepted);

// The optional "targets" member of a delegation: [{organization, department?}, ...].
Result<std::vector<admin::DelegationTarget>> delegation_targets_of(const JsonFields& fields);

// An integer query parameter within [min, max]; `invalid` naming it otherwise.
Result<std::optional<long long>> integer_parameter(const RestCall& call, const std::string& name,
                                                   long long min, long long max);
// Unix seconds, or an RFC 3339 UTC time ("2030-01-31T00:00:00Z") or date ("2030-01-31").
Result<std::optional<long long>> time_parameter(const RestCall& call, const std::string& name);

// The parameters of a list route: limit, offset, sort, and one filter per column.
std::vector<QueryParameter> list_parameters(const std::vector<std::string>& columns);
// Filters (exact match on a column's text), sorts ("col" or "-col") and pages a whole list:
// {"items": [...], "total": N, "limit": L, "offset": O}.
Result<Response> list_response(const RestCall& call, nlohmann::json items,
                               const std::vector<std::string>& columns);
// A page the service already cut: {"items": [...], "limit": L, "offset": O}.
Response page_response(nlohmann::json items, int limit, int offset);
// limit (default 100, 1..1000) and offset (default 0) of the call.
struct Paging {
  int limit = 100;
  int offset = 0;
};
Result<Paging> paging_of(const RestCall& call);

}  // namespace scepter::http
