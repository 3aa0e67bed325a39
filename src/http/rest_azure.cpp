// Azure accounts of Intune endpoints, their delegation and the connection test.
#include <algorithm>
#include <iterator>

#include "admin/azure_accounts.hpp"
#include "admin/json.hpp"
#include "http/rest_delegation.hpp"
#include "http/rest_routes.hpp"
#include "http/rest_support.hpp"

namespace scepter::http {
namespace {

const std::vector<std::string> kAzureColumns = {"id",        "name",      "environment",
                                                "tenant_id", "client_id", "delegation"};

const std::vector<BodyMember> kAzureMembers = {
    {"name", "string", "name of the account", true},
    {"environment", "string", "public (default), usgov, china or custom"},
    {"tenant_id", "string", "GUID of the directory", true},
    {"client_id", "string", "GUID of the application", true},
    {"client_secret", "string", "the application's secret; write-only", true},
    {"authority_url", "string", "https URL overriding the environment's sign-in service"},
    {"graph_url", "string", "https URL overriding the environment's Microsoft Graph"},
    {"intune_url", "string", "https URL of the Intune service; default: asked of Graph"},
    {"trust_ca_pem", "string", "extra trust anchors, PEM certificates; empty: the system store"},
};

admin::AzureAccounts service(RestCall& call) {
  return admin::AzureAccounts(call.workspace, call.actor);
}

const std::string& account_of(const RestCall& call) {
  return call.path_parameter("azure_account");
}

Result<Response> list_accounts(RestCall& call) {
  SCEPTER_TRY(const auto accounts, service(call).list());
  return list_response(call, admin::to_json(accounts), kAzureColumns);
}

Result<Response> create_account(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  JsonFields fields(body);
  admin::AzureAccountInput input;
  SCEPTER_TRY(input.name, fields.required_string("name"));
  SCEPTER_TRY(const auto environment, fields.optional_string("environment"));
  if (environment) input.environment = *environment;
  SCEPTER_TRY(input.tenant_id, fields.required_string("tenant_id"));
  SCEPTER_TRY(input.client_id, fields.required_string("client_id"));
  SCEPTER_TRY(input.client_secret, fields.required_string("client_secret"));
  SCEPTER_TRY(input.authority_url, fields.optional_string("authority_url"));
  SCEPTER_TRY(input.graph_url, fields.optional_string("graph_url"));
  SCEPTER_TRY(input.intune_url, fields.optional_string("intune_url"));
  SCEPTER_TRY(const auto trust_ca_pem, fields.optional_string("trust_ca_pem"));
  input.trust_ca_pem = trust_ca_pem.value_or("");
  SCEPTER_TRY(const auto account, service(call).add(input));
  return json_response(201, admin::to_json(account));
}

Result<Response> show_account(RestCall& call) {
  SCEPTER_TRY(const auto account, service(call).show(account_of(call)));
  return json_response(200, admin::to_json(account));
}

Result<Response> update_account(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  JsonFields fields(body);
  admin::AzureAccountChanges changes;
  SCEPTER_TRY(changes.name, fields.optional_string("name"));
  SCEPTER_TRY(changes.environment, fields.optional_string("environment"));
  SCEPTER_TRY(changes.tenant_id, fields.optional_string("tenant_id"));
  SCEPTER_TRY(changes.client_id, fields.optional_string("client_id"));
  SCEPTER_TRY(changes.client_secret, fields.optional_string("client_secret"));
  SCEPTER_TRY(changes.authority_url, fields.optional_string("authority_url"));
  SCEPTER_TRY(changes.graph_url, fields.optional_string("graph_url"));
  SCEPTER_TRY(changes.intune_url, fields.optional_string("intune_url"));
  SCEPTER_TRY(changes.trust_ca_pem, fields.optional_string("trust_ca_pem"));
  SCEPTER_TRY(const auto account, service(call).edit(account_of(call), changes));
  return json_response(200, admin::to_json(account));
}

Result<Response> delete_account(RestCall& call) {
  SCEPTER_CHECK(service(call).remove(account_of(call)));
  return no_content();
}

Result<Response> test_account(RestCall& call) {
  SCEPTER_TRY(const auto report, service(call).test(account_of(call)));
  return json_response(200, admin::to_json(report));
}

}  // namespace

std::vector<RestRoute> azure_routes() {
  const std::string base = std::string(kApiPrefix) + "/azure-accounts";
  const std::string one = base + "/{azure_account}";
  std::vector<RestRoute> routes = {
      {.method = "GET",
       .path = base,
       .summary = "List the Azure accounts in scope (general ones and those delegated to it)",
       .handler = list_accounts,
       .query = list_parameters(kAzureColumns)},
      {.method = "POST",
       .path = base,
       .summary = "Create an Azure account (MRAO); client_secret is write-only",
       .handler = create_account,
       .body = kAzureMembers,
       .success_status = 201},
      {.method = "GET",
       .path = one,
       .summary = "Show an Azure account by name or id (never its client secret)",
       .handler = show_account},
      {.method = "PATCH",
       .path = one,
       .summary = "Change an Azure account (MRAO); a new environment brings its URLs",
       .handler = update_account,
       .body = all_optional(kAzureMembers)},
      {.method = "DELETE",
       .path = one,
       .summary = "Delete an Azure account (MRAO); refused while an endpoint uses it",
       .handler = delete_account,
       .success_status = 204},
      {.method = "POST",
       .path = one + "/test",
       .summary = "Test the connection (MRAO): {ok, steps: [{name, ok, detail}]}",
       .handler = test_account},
  };
  std::ranges::move(
      delegation_routes(
          one, "an Azure account",
          {.show = [](RestCall& call) -> Result<nlohmann::json> {
             SCEPTER_TRY(const auto delegation, service(call).delegation(account_of(call)));
             return admin::to_json(delegation);
           },
           .set =
               [](RestCall& call, const std::string& mode,
                  const std::vector<admin::DelegationTarget>& targets) -> Result<nlohmann::json> {
             SCEPTER_TRY(const auto delegation,
                         service(call).set_delegation(account_of(call), mode, targets));
             return admin::to_json(delegation);
           }}),
      std::back_inserter(routes));
  return routes;
}

}  // namespace scepter::http
