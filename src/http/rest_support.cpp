#include "http/rest_support.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>

#include "admin/json.hpp"

namespace scepter::http {
namespace {

constexpr int kMaxLimit = 1000;

Error wrong_type(const std::string& field, std::string_view expected) {
  return invalid_field(field, field + " must be " + std::string(expected));
}

// The text a filter compares with: strings as they are, anything else as JSON.
std::string filter_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : admin::json_text(value);
}

// nlohmann::json converts a larger integer to int by wrapping it around.
bool is_int(const nlohmann::json& value) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>() <= INT32_MAX;
  return value.is_number_integer() && value.get<std::int64_t>() >= INT32_MIN &&
         value.get<std::int64_t>() <= INT32_MAX;
}

std::optional<long long> parse_integer(std::string_view text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<long long> parse_utc(const std::string& text) {
  for (const char* format : {"%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d"}) {
    std::tm parts{};
    const char* end = strptime(text.c_str(), format, &parts);
    if (end != nullptr && *end == '\0') return static_cast<long long>(timegm(&parts));
  }
  return std::nullopt;
}

}  // namespace

const nlohmann::json* JsonFields::member(const std::string& field) const {
  auto found = object_.find(field);
  if (found == object_.end() || found->is_null()) return nullptr;
  return &*found;
}

template <class T, class Check>
Result<std::optional<T>> JsonFields::optional(const std::string& field, Check check,
                                              std::string_view expected) const {
  const auto* value = member(field);
  if (value == nullptr) return std::nullopt;
  if (!check(*value)) return fail(wrong_type(field, expected));
  return value->get<T>();
}

Result<std::string> JsonFields::required_string(const std::string& field) const {
  SCEPTER_TRY(auto value, optional_string(field));
  if (!value) return fail(invalid_field(field, field + " is required"));
  return *value;
}

Result<std::optional<std::string>> JsonFields::optional_string(const std::string& field) const {
  return optional<std::string>(
      field, [](const auto& v) { return v.is_string(); }, "a string");
}

Result<std::optional<int>> JsonFields::optional_int(const std::string& field) const {
  return optional<int>(field, is_int, "an integer");
}

Result<std::optional<bool>> JsonFields::optional_bool(const std::string& field) const {
  return optional<bool>(
      field, [](const auto& v) { return v.is_boolean(); }, "true or false");
}

Result<std::optional<std::vector<std::string>>> JsonFields::optional_strings(
    const std::string& field) const {
  return optional<std::vector<std::string>>(
      field,
      [](const auto& v) {
        return v.is_array() && std::ranges::all_of(v, [](const auto& e) { return e.is_string(); });
      },
      "an array of strings");
}

Result<std::optional<std::vector<int>>> JsonFields::optional_ints(const std::string& field) const {
  return optional<std::vector<int>>(
      field, [](const auto& v) { return v.is_array() && std::ranges::all_of(v, is_int); },
      "an array of integers");
}

std::vector<BodyMember> all_optional(std::vector<BodyMember> members) {
  for (auto& member : members) member.required = false;
  return members;
}

Error unknown_member(const std::string& name, std::span<const BodyMember> accepted) {
  std::string names;
  for (const auto& member : accepted) names += (names.empty() ? "" : ", ") + member.name;
  return Error{.category = ErrorCategory::bad_request,
               .client_text = "unknown member '" + name + "'; this route takes: " + names,
               .field = name};
}

Status only_members(const nlohmann::json& object, std::span<const BodyMember> accepted) {
  for (const auto& [name, value] : object.items()) {
    if (std::ranges::none_of(accepted, [&](const auto& known) { return known.name == name; })) {
      return fail(unknown_member(name, accepted));
    }
  }
  return {};
}

Result<std::vector<admin::DelegationTarget>> delegation_targets_of(const JsonFields& fields) {
  static const std::vector<BodyMember> kTargetMembers = {
      {"organization", "string", "an organization's name", true},
      {"department", "string", "one of its departments; absent: all of them"}};
  std::vector<admin::DelegationTarget> targets;
  const auto* listed = fields.member("targets");
  if (listed == nullptr) return targets;
  if (!listed->is_array()) return fail(invalid_field("targets", "targets must be an array"));
  for (const auto& item : *listed) {
    if (!item.is_object()) {
      return fail(invalid_field("targets", "each target is {organization, department?}"));
    }
    SCEPTER_CHECK(only_members(item, kTargetMembers));
    JsonFields target(item);
    admin::DelegationTarget parsed;
    SCEPTER_TRY(parsed.organization, target.required_string("organization"));
    SCEPTER_TRY(parsed.department, target.optional_string("department"));
    targets.push_back(std::move(parsed));
  }
  return targets;
}

Result<std::optional<long long>> integer_parameter(const RestCall& call, const std::string& name,
                                                   long long min, long long max) {
  auto text = call.query_parameter(name);
  if (!text) return std::nullopt;
  auto value = parse_integer(*text);
  if (!value || *value < min || *value > max) {
    return fail(invalid_field(name, name + " must be an integer from " + std::to_string(min) +
                                        " to " + std::to_string(max)));
  }
  return value;
}

Result<std::optional<long long>> time_parameter(const RestCall& call, const std::string& name) {
  auto text = call.query_parameter(name);
  if (!text) return std::nullopt;
  if (auto seconds = parse_integer(*text)) return seconds;
  if (auto parsed = parse_utc(*text)) return parsed;
  return fail(invalid_field(name, name + " must be Unix seconds or an RFC 3339 UTC time"));
}

Result<Paging> paging_of(const RestCall& call) {
  SCEPTER_TRY(const auto limit, integer_parameter(call, "limit", 1, kMaxLimit));
  SCEPTER_TRY(const auto offset, integer_parameter(call, "offset", 0, INT32_MAX));
  return Paging{.limit = static_cast<int>(limit.value_or(100)),
                .offset = static_cast<int>(offset.value_or(0))};
}

std::vector<QueryParameter> list_parameters(const std::vector<std::string>& columns) {
  std::vector<QueryParameter> parameters = {
      {"limit", "page size, 1 to 1000 (default 100)", "integer"},
      {"offset", "items to skip (default 0)", "integer"},
      {"sort", "a column to sort by; prefix '-' for descending"}};
  for (const auto& column : columns) {
    parameters.push_back({column, "only items whose " + column + " equals this"});
  }
  return parameters;
}

Result<Response> list_response(const RestCall& call, nlohmann::json list,
                               const std::vector<std::string>& columns) {
  SCEPTER_TRY(const auto paging, paging_of(call));
  auto items = list.get<std::vector<nlohmann::json>>();
  for (const auto& column : columns) {
    auto wanted = call.query_parameter(column);
    if (!wanted) continue;
    std::erase_if(items, [&](const nlohmann::json& item) {
      return !item.contains(column) || filter_text(item[column]) != *wanted;
    });
  }
  if (auto sort = call.query_parameter("sort")) {
    const bool descending = sort->starts_with('-');
    const std::string column = descending ? sort->substr(1) : *sort;
    if (std::ranges::find(columns, column) == columns.end()) {
      return fail(invalid_field("sort", "cannot sort by '" + column + "'"));
    }
    auto key = [&](const nlohmann::json& item) { return item.value(column, nlohmann::json()); };
    std::ranges::stable_sort(items, [&](const nlohmann::json& a, const nlohmann::json& b) {
      return descending ? key(b) < key(a) : key(a) < key(b);
    });
  }
  const auto total = static_cast<long long>(items.size());
  auto page = nlohmann::json::array();
  for (long long i = paging.offset; i < total && std::ssize(page) < paging.limit; ++i) {
    page.push_back(std::move(items[static_cast<std::size_t>(i)]));
  }
  return json_response(200, {{"items", std::move(page)},
                             {"total", total},
                             {"limit", paging.limit},
                             {"offset", paging.offset}});
}

Response page_response(nlohmann::json items, int limit, int offset) {
  return json_response(200, {{"items", std::move(items)}, {"limit", limit}, {"offset", offset}});
}

}  // namespace scepter::http
