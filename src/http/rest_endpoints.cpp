// Endpoints, their delegation and their accounts.
#include <algorithm>
#include <iterator>

#include "admin/accounts.hpp"
#include "admin/delegations.hpp"
#include "admin/endpoints.hpp"
#include "admin/json.hpp"
#include "http/rest_delegation.hpp"
#include "http/rest_routes.hpp"
#include "http/rest_support.hpp"

namespace scepter::http {
namespace {

const std::vector<std::string> kEndpointColumns = {"id",        "name", "uri_extension", "type",
                                                   "cert_type", "ra",   "delegation",    "enabled"};
const std::vector<std::string> kAccountColumns = {"id",         "name",    "organization",
                                                  "department", "profile", "term_days"};

const std::vector<BodyMember> kEndpointMembers = {
    {"name", "string", "display name", true},
    {"uri_extension", "string", "the segment that names it in its SCEP URL", true},
    {"type", "string", "scep (default) or intune; fixed once created"},
    {"cert_type", "string", "client or device; fixed once created", true},
    {"ra", "string", "name of its RA certificate; default: the first one"},
    {"getcacert_format", "string", "chain-cms (default), single-pem or single-der"},
    {"getcert_format", "string", "single (default) or full-chain"},
    {"enabled", "boolean", "whether it serves SCEP requests (default true)"},
    {"organization", "string", "Intune only: the organization it issues for; fixed once created"},
    {"department", "string", "Intune only: the department it issues for; fixed once created"},
    {"profile", "string", "Intune only: its certificate profile"},
    {"term_days", "integer", "Intune only: validity in days, one of the profile's terms"},
    {"azure_account", "string", "Intune only: the Azure account Intune is asked through"},
};

Result<Response> list_endpoints(RestCall& call) {
  SCEPTER_TRY(const auto endpoints, admin::Endpoints(call.workspace, call.actor).list());
  return list_response(call, admin::to_json(endpoints), kEndpointColumns);
}

Result<Response> create_endpoint(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  JsonFields fields(body);
  admin::EndpointInput input;
  SCEPTER_TRY(input.name, fields.required_string("name"));
  SCEPTER_TRY(input.uri_extension, fields.required_string("uri_extension"));
  SCEPTER_TRY(const auto type, fields.optional_string("type"));
  if (type) input.type = *type;
  SCEPTER_TRY(input.cert_type, fields.required_string("cert_type"));
  SCEPTER_TRY(input.ra, fields.optional_string("ra"));
  SCEPTER_TRY(const auto getcacert_format, fields.optional_string("getcacert_format"));
  if (getcacert_format) input.getcacert_format = *getcacert_format;
  SCEPTER_TRY(const auto getcert_format, fields.optional_string("getcert_format"));
  if (getcert_format) input.getcert_format = *getcert_format;
  SCEPTER_TRY(const auto enabled, fields.optional_bool("enabled"));
  input.enabled = enabled.value_or(true);
  SCEPTER_TRY(input.organization, fields.optional_string("organization"));
  SCEPTER_TRY(input.department, fields.optional_string("department"));
  SCEPTER_TRY(input.profile, fields.optional_string("profile"));
  SCEPTER_TRY(input.term_days, fields.optional_int("term_days"));
  SCEPTER_TRY(input.azure_account, fields.optional_string("azure_account"));
  SCEPTER_TRY(const auto endpoint, admin::Endpoints(call.workspace, call.actor).add(input));
  return json_response(201, admin::to_json(endpoint));
}

Result<Response> show_endpoint(RestCall& call) {
  SCEPTER_TRY(const auto endpoint,
              admin::Endpoints(call.workspace, call.actor).show(call.path_parameter("endpoint")));
  return json_response(200, admin::to_json(endpoint));
}

Result<Response> update_endpoint(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  JsonFields fields(body);
  admin::EndpointChanges changes;
  SCEPTER_TRY(changes.name, fields.optional_string("name"));
  SCEPTER_TRY(changes.uri_extension, fields.optional_string("uri_extension"));
  SCEPTER_TRY(changes.ra, fields.optional_string("ra"));
  SCEPTER_TRY(changes.getcacert_format, fields.optional_string("getcacert_format"));
  SCEPTER_TRY(changes.getcert_format, fields.optional_string("getcert_format"));
  SCEPTER_TRY(changes.enabled, fields.optional_bool("enabled"));
  SCEPTER_TRY(changes.profile, fields.optional_string("profile"));
  SCEPTER_TRY(changes.term_days, fields.optional_int("term_days"));
  SCEPTER_TRY(changes.azure_account, fields.optional_string("azure_account"));
  SCEPTER_TRY(changes.type, fields.optional_string("type"));
  SCEPTER_TRY(changes.cert_type, fields.optional_string("cert_type"));
  SCEPTER_TRY(changes.organization, fields.optional_string("organization"));
  SCEPTER_TRY(changes.department, fields.optional_string("department"));
  SCEPTER_TRY(
      const auto endpoint,
      admin::Endpoints(call.workspace, call.actor).edit(call.path_parameter("endpoint"), changes));
  return json_response(200, admin::to_json(endpoint));
}

Result<Response> delete_endpoint(RestCall& call) {
  const bool force = call.query_parameter("force") == "true";
  SCEPTER_CHECK(
      admin::Endpoints(call.workspace, call.actor).remove(call.path_parameter("endpoint"), force));
  return no_content();
}

Result<Response> list_accounts(RestCall& call) {
  SCEPTER_TRY(const auto accounts,
              admin::Accounts(call.workspace, call.actor).list(call.path_parameter("endpoint")));
  return list_response(call, admin::to_json(accounts), kAccountColumns);
}

Result<Response> create_account(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  JsonFields fields(body);
  admin::AccountInput input{.endpoint = call.path_parameter("endpoint")};
  SCEPTER_TRY(input.name, fields.required_string("name"));
  SCEPTER_TRY(input.organization, fields.required_string("organization"));
  SCEPTER_TRY(input.department, fields.required_string("department"));
  SCEPTER_TRY(input.profile, fields.required_string("profile"));
  SCEPTER_TRY(input.term_days, fields.optional_int("term_days"));
  SCEPTER_TRY(input.access_code, fields.optional_string("access_code"));
  SCEPTER_TRY(const auto issued, admin::Accounts(call.workspace, call.actor).add(input));
  return json_response(201, admin::to_json(issued));
}

Result<Response> rotate_code(RestCall& call) {
  std::optional<std::string> code;
  if (!call.request.body.empty()) {
    SCEPTER_TRY(const auto body, call.json_body());
    SCEPTER_TRY(code, JsonFields(body).optional_string("access_code"));
  }
  SCEPTER_TRY(const auto issued, admin::Accounts(call.workspace, call.actor)
                                     .rotate_code(call.path_parameter("endpoint"),
                                                  call.path_parameter("account"), code));
  return json_response(200, admin::to_json(issued));
}

Result<Response> delete_account(RestCall& call) {
  SCEPTER_CHECK(admin::Accounts(call.workspace, call.actor)
                    .remove(call.path_parameter("endpoint"), call.path_parameter("account")));
  return no_content();
}

}  // namespace

std::vector<RestRoute> endpoint_routes() {
  const std::string base = std::string(kApiPrefix) + "/endpoints";
  std::vector<RestRoute> routes = {
      {.method = "GET",
       .path = base,
       .summary = "List the endpoints in scope (general ones and those delegated to it)",
       .handler = list_endpoints,
       .query = list_parameters(kEndpointColumns)},
      {.method = "POST",
       .path = base,
       .summary = "Create an endpoint (MRAO)",
       .handler = create_endpoint,
       .body = kEndpointMembers,
       .success_status = 201},
      {.method = "GET",
       .path = base + "/{endpoint}",
       .summary = "Show an endpoint by its URI extension",
       .handler = show_endpoint},
      {.method = "PATCH",
       .path = base + "/{endpoint}",
       .summary =
           "Change an endpoint (MRAO); type, cert_type, organization and department are fixed",
       .handler = update_endpoint,
       .body = all_optional(kEndpointMembers)},
      {.method = "DELETE",
       .path = base + "/{endpoint}",
       .summary = "Delete an endpoint (MRAO); with accounts or certificates only with force=true",
       .handler = delete_endpoint,
       .query = {{"force", "also delete its accounts (certificates stay)", "boolean"}},
       .success_status = 204},
      {.method = "GET",
       .path = base + "/{endpoint}/accounts",
       .summary = "List the accounts in scope of an endpoint",
       .handler = list_accounts,
       .query = list_parameters(kAccountColumns)},
      {.method = "POST",
       .path = base + "/{endpoint}/accounts",
       .summary = "Create an account; its access code is returned this once",
       .handler = create_account,
       .body = {{"name", "string", "name of the account, unique in the endpoint", true},
                {"organization", "string", "the organization it belongs to", true},
                {"department", "string", "the department it belongs to", true},
                {"profile", "string", "the certificate profile it enrolls with", true},
                {"term_days", "integer",
                 "validity in days, one of the profile's terms; default: the shortest"},
                {"access_code", "string",
                 "the access code to set (MRAO); default: a generated one"}},
       .success_status = 201},
      {.method = "DELETE",
       .path = base + "/{endpoint}/accounts/{account}",
       .summary = "Delete an account",
       .handler = delete_account,
       .success_status = 204},
      {.method = "POST",
       .path = base + "/{endpoint}/accounts/{account}/rotate-code",
       .summary = "Replace an account's access code; the new one is returned this once",
       .handler = rotate_code,
       .body = {{"access_code", "string", "the new access code (MRAO); default: a generated one"}}},
  };
  std::ranges::move(
      delegation_routes(
          base + "/{endpoint}", "an endpoint",
          {.show = [](RestCall& call) -> Result<nlohmann::json> {
             SCEPTER_TRY(const auto delegation, admin::Delegations(call.workspace, call.actor)
                                                    .show(call.path_parameter("endpoint")));
             return admin::to_json(delegation);
           },
           .set =
               [](RestCall& call, const std::string& mode,
                  const std::vector<admin::DelegationTarget>& targets) -> Result<nlohmann::json> {
             SCEPTER_TRY(const auto delegation,
                         admin::Delegations(call.workspace, call.actor)
                             .set(call.path_parameter("endpoint"), mode, targets));
             return admin::to_json(delegation);
           }}),
      std::back_inserter(routes));
  return routes;
}

}  // namespace scepter::http
