#include "http/openapi.hpp"

#include <algorithm>
#include <cctype>

#include "http/rest_problem.hpp"

namespace scepter::http {
namespace {

using nlohmann::json;

std::vector<std::string> path_parameters(const std::string& path) {
  std::vector<std::string> names;
  for (auto open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
    names.push_back(path.substr(open + 1, path.find('}', open) - open - 1));
  }
  return names;
}

// "POST /api/v1/endpoints/{endpoint}/accounts" -> "post_endpoints_endpoint_accounts"
std::string operation_id(const RestRoute& route) {
  std::string id = route.method + route.path.substr(kApiPrefix.size());
  std::ranges::transform(id, id.begin(), [](unsigned char c) {
    return std::isalnum(c) ? static_cast<char>(std::tolower(c)) : '_';
  });
  std::string squeezed;
  for (char c : id) {
    if (c == '_' && (squeezed.empty() || squeezed.back() == '_')) continue;
    squeezed += c;
  }
  while (!squeezed.empty() && squeezed.back() == '_') squeezed.pop_back();
  return squeezed;
}

json problem_response_object() {
  return {
      {"description", "problem details (RFC 9457)"},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

// The members json_body() lets through, and no others.
json body_schema(const std::vector<BodyMember>& members) {
  json properties = json::object();
  json required = json::array();
  for (const auto& member : members) {
    json property = {{"type", member.type}, {"description", member.description}};
    if (!member.items.empty()) property["items"] = {{"type", member.items}};
    properties[member.name] = std::move(property);
    if (member.required) required.push_back(member.name);
  }
  return {{"type", "object"},
          {"properties", std::move(properties)},
          {"required", std::move(required)},
          {"additionalProperties", false}};
}

json operation(const RestRoute& route) {
  json parameters = json::array();
  for (const auto& name : path_parameters(route.path)) {
    parameters.push_back(
        {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  for (const auto& parameter : route.query) {
    parameters.push_back({{"name", parameter.name},
                          {"in", "query"},
                          {"required", false},
                          {"description", parameter.description},
                          {"schema", {{"type", parameter.type}}}});
  }
  json success = {{"description", route.summary}};
  if (route.success_status != 204) {
    const bool binary = route.media_type != "application/json";
    json schema = {{"type", binary ? "string" : "object"}};
    success["content"] = json::object();
    success["content"][route.media_type] = {{"schema", schema}};
  }
  json op = {
      {"operationId", operation_id(route)},
      {"summary", route.summary},
      {"parameters", parameters},
      {"responses",
       {{std::to_string(route.success_status), success}, {"default", problem_response_object()}}}};
  if (!route.body.empty()) {
    const json schema = body_schema(route.body);
    op["requestBody"] = {{"required", !schema["required"].empty()},
                         {"content", {{"application/json", {{"schema", schema}}}}}};
  }
  op["security"] = route.requires_auth ? json::array({{{"bearer", json::array()}}}) : json::array();
  return op;
}

json error_codes() {
  json codes = json::array();
  for (auto category :
       {ErrorCategory::bad_request, ErrorCategory::invalid, ErrorCategory::bad_message_check,
        ErrorCategory::bad_time, ErrorCategory::bad_alg, ErrorCategory::bad_cert_id,
        ErrorCategory::unauthorized, ErrorCategory::forbidden, ErrorCategory::not_found,
        ErrorCategory::conflict, ErrorCategory::too_large, ErrorCategory::throttled,
        ErrorCategory::unavailable, ErrorCategory::internal}) {
    codes.push_back(std::string(problem_kind(category).code));
  }
  codes.push_back(std::string(kMethodNotAllowed.code));
  return codes;
}

}  // namespace

nlohmann::json openapi_document(const std::vector<RestRoute>& routes) {
  json paths = json::object();
  for (const auto& route : routes) {
    std::string method = route.method;
    std::ranges::transform(method, method.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    paths[route.path][method] = operation(route);
  }
  json problem = {
      {"type", "object"},
      {"required", json::array({"type", "title", "status", "code"})},
      {"properties",
       {{"type", {{"type", "string"}}},
        {"title", {{"type", "string"}}},
        {"status", {{"type", "integer"}}},
        {"detail", {{"type", "string"}}},
        {"code", {{"type", "string"}, {"enum", error_codes()}}},
        {"errors",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"field", {{"type", "string"}}}, {"detail", {{"type", "string"}}}}}}}}}}}};
  return {{"openapi", "3.1.0"},
          {"info",
           {{"title", "scepter admin API"},
            {"version", "1"},
            {"description",
             "Administration of the scepter SCEP server. Lists answer {items, total, limit, "
             "offset}. Errors are RFC 9457 problem details with a stable code."}}},
          {"paths", paths},
          {"components",
           {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}},
            {"schemas", {{"Problem", problem}}}}}};
}

}  // namespace scepter::http
