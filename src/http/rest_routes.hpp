#pragma once
// The REST API's route table: one entry per method and path template. add_rest_routes() serves
// exactly these and openapi_document() documents exactly these, so the two cannot drift apart.

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "admin/audit.hpp"
#include "admin/auth.hpp"
#include "admin/workspace.hpp"
#include "core/error.hpp"
#include "http/message.hpp"

namespace scepter::http {

inline constexpr std::string_view kApiRoot = "/api";
inline constexpr std::string_view kApiPrefix = "/api/v1";

// One member a route's JSON body may hold. The route's list is all that json_body() lets through
// and all that openapi_document() documents, so a misspelt member is refused, never ignored.
struct BodyMember {
  std::string name;
  std::string type;  // OpenAPI schema type: string, integer, boolean or array
  std::string description;
  bool required = false;
  std::string items{};  // for an array: the OpenAPI type of its items
};

// One request on its way through a handler.
struct RestCall {
  const Request& request;
  admin::Workspace& workspace;
  admin::Auth& auth;
  admin::Actor actor;  // "admin:NAME" from the client's address; principal set after auth
  std::map<std::string, std::string> path{};   // decoded {parameters} of the template
  std::map<std::string, std::string> query{};  // decoded query parameters
  std::span<const BodyMember> body_members{};  // the route's RestRoute::body

  const std::string& path_parameter(const std::string& name) const { return path.at(name); }
  std::optional<std::string> query_parameter(const std::string& name) const;
  // bad_request unless the body is a JSON object whose members are all in body_members.
  Result<nlohmann::json> json_body() const;
};

using RestHandler = std::function<Result<Response>(RestCall&)>;

struct QueryParameter {
  std::string name;
  std::string description;
  std::string type = "string";  // OpenAPI schema type
};

struct RestRoute {
  std::string method;
  std::string path;  // "/api/v1/endpoints/{endpoint}/accounts"
  std::string summary;
  RestHandler handler;
  bool requires_auth = true;
  std::vector<QueryParameter> query{};
  std::vector<BodyMember> body{};  // the members of its JSON body; empty: it takes no body
  unsigned success_status = 200;
  std::string media_type = "application/json";  // of the success response
};

// Every route, in the order documented.
std::vector<RestRoute> rest_routes();

// The route groups rest_routes() concatenates, one file each.
std::vector<RestRoute> session_routes();
std::vector<RestRoute> tenant_routes();
std::vector<RestRoute> endpoint_routes();
std::vector<RestRoute> pki_routes();
std::vector<RestRoute> azure_routes();
std::vector<RestRoute> certificate_routes();
std::vector<RestRoute> audit_routes();

// Helpers for handlers.
// The token of an "Authorization: Bearer TOKEN" header (scheme in any case); empty otherwise.
std::string bearer_token(const Request& request);
Response json_response(unsigned status, const nlohmann::json& body);
Response no_content();

}  // namespace scepter::http
