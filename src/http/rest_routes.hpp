#pragma once
// The REST API's route table: one entry per method and path template. add_rest_routes() serves
// exactly these and openapi_document() documents exactly these, so the two cannot drift apart.

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "admin/audit.hpp"
#include "admin/auth.hpp"
#include "admin/workspace.hpp"
#include "core/error.hpp"
#include "http/message.hpp"

namespace scepter::http {

inline constexpr std::string_view kApiPrefix = "/api/v1";

// One request on its way through a handler.
struct RestCall {
  const Request& request;
  admin::Workspace& workspace;
  admin::Auth& auth;
  admin::Actor actor;  // "admin:NAME" from the client's address; principal set after auth
  std::map<std::string, std::string> path{};   // decoded {parameters} of the template
  std::map<std::string, std::string> query{};  // decoded query parameters

  const std::string& path_parameter(const std::string& name) const { return path.at(name); }
  std::optional<std::string> query_parameter(const std::string& name) const;
  // bad_request unless the body is a JSON object.
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
  bool json_body = false;
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
