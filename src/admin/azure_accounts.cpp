#include "admin/azure_accounts.hpp"

#include <algorithm>
#include <array>

#include "admin/delegation_coverage.hpp"
#include "admin/json.hpp"
#include "admin/lookup.hpp"
#include "admin/scope.hpp"
#include "admin/validation.hpp"
#include "crypto/certificate.hpp"

namespace scepter::admin {
namespace {

constexpr std::array<std::string_view, 4> kEnvironments = {"public", "usgov", "china", "custom"};
constexpr std::size_t kMaxSecretLength = 1024;
constexpr std::size_t kMaxTrustBundleLength = 256 * 1024;

std::string quoted(const std::string& name) {
  return "'" + name + "'";
}

Result<Bytes> sealed_secret(const Workspace& workspace, const std::string& secret) {
  if (secret.empty() || secret.size() > kMaxSecretLength) {
    return fail(invalid_field("client_secret", "client_secret must be 1 to 1024 characters"));
  }
  SCEPTER_CHECK(check_text("client_secret", secret));
  return workspace.secrets().seal(secret, kAzureClientSecretPurpose);
}

// Certificates only, re-encoded, so that what is stored is exactly what will be trusted.
Result<std::string> normalized_trust_bundle(const std::string& pem) {
  if (pem.find_first_not_of(" \t\r\n") == std::string::npos) return std::string();
  if (pem.size() > kMaxTrustBundleLength) {
    return fail(invalid_field("trust_ca_pem", "trust_ca_pem is larger than 256 KiB"));
  }
  auto bundle = crypto::Certificate::bundle_from_pem(pem);
  if (!bundle) {
    return fail(invalid_field("trust_ca_pem", "trust_ca_pem must be PEM certificates"));
  }
  return crypto::to_pem(*bundle);
}

struct Urls {
  std::optional<std::string> authority, graph, intune;
};

// Each URL: the override given (checked), else the fallback (the account's URL before an edit
// that keeps it), else the environment's preset; "custom" has none, so all three are needed.
Status apply_environment(store::AzureAccount& account, const Urls& given, const Urls& fallback) {
  SCEPTER_CHECK(check_one_of("environment", account.environment, kEnvironments));
  const auto cloud = azure_cloud(account.environment);
  auto pick = [&](const std::optional<std::string>& override_url,
                  const std::optional<std::string>& fallback_url,
                  std::string_view AzureCloud::*preset, std::string field) -> Result<std::string> {
    if (override_url) return normalize_https_url(field, *override_url);
    if (fallback_url) return *fallback_url;
    if (cloud) return std::string((*cloud).*preset);
    return fail(invalid_field(field, field + " is required for a custom environment"));
  };
  SCEPTER_TRY(account.authority_url, pick(given.authority, fallback.authority,
                                          &AzureCloud::authority_url, "authority_url"));
  SCEPTER_TRY(account.graph_url,
              pick(given.graph, fallback.graph, &AzureCloud::graph_url, "graph_url"));
  SCEPTER_TRY(account.intune_url,
              pick(given.intune, fallback.intune, &AzureCloud::intune_url, "intune_url"));
  return {};
}

Status check_name_free(store::Store& store, const std::string& name) {
  SCEPTER_CHECK(check_name("name", name));
  // Routes and the CLI take a name or an id: a name of digits alone would hide the account
  // whose id it spells.
  if (std::ranges::all_of(name, [](char c) { return c >= '0' && c <= '9'; })) {
    return fail(invalid_field("name",
                              "an Azure account's name cannot be digits alone, which "
                              "read as an id"));
  }
  SCEPTER_TRY(const bool taken, exists(store.find_azure_account(name)));
  if (!taken) return {};
  return fail(conflict_on("name", "Azure account " + quoted(name) + " already exists"));
}

// The endpoints that name the account.
Result<std::vector<store::Endpoint>> endpoints_using(store::Store& store, store::Id account_id) {
  SCEPTER_TRY(auto endpoints, store.list_endpoints());
  std::erase_if(endpoints, [&](const store::Endpoint& endpoint) {
    return endpoint.azure_account_id != account_id;
  });
  return endpoints;
}

// Their URI extensions, quoted and separated by commas.
std::string joined(const std::vector<store::Endpoint>& endpoints) {
  std::string text;
  for (const auto& endpoint : endpoints) {
    text += (text.empty() ? "" : ", ") + quoted(endpoint.uri_extension);
  }
  return text;
}

// Intune endpoints keep their organization and department for life: a delegation of their Azure
// account may not leave them out.
Status check_endpoints_covered(store::Store& store, const store::AzureAccount& account,
                               const std::string& mode,
                               const std::vector<store::Delegation>& targets) {
  SCEPTER_TRY(auto outside, endpoints_using(store, account.id));
  std::erase_if(outside, [&](const store::Endpoint& endpoint) {
    return delegation_covers(mode, targets, endpoint.organization_id.value_or(0),
                             endpoint.department_id);
  });
  if (outside.empty()) return {};
  return fail(conflict_on("targets", "the delegation leaves out endpoint(s) " + joined(outside) +
                                         " that use Azure account " + quoted(account.name) +
                                         "; delegate to their tenants or change them first"));
}

}  // namespace

std::optional<AzureCloud> azure_cloud(std::string_view environment) {
  // https://learn.microsoft.com/graph/deployments (token service and Graph roots per cloud);
  // the Intune resource of each cloud is that of its management service.
  if (environment == "public") {
    return AzureCloud{"https://login.microsoftonline.com", "https://graph.microsoft.com",
                      "https://api.manage.microsoft.com"};
  }
  if (environment == "usgov") {
    return AzureCloud{"https://login.microsoftonline.us", "https://graph.microsoft.us",
                      "https://api.manage.microsoft.us"};
  }
  if (environment == "china") {
    return AzureCloud{"https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn",
                      "https://api.manage.microsoftonline.cn"};
  }
  return std::nullopt;
}

AzureAccountView view_of(const store::AzureAccount& account) {
  return {.id = account.id,
          .name = account.name,
          .environment = account.environment,
          .tenant_id = account.tenant_id,
          .client_id = account.client_id,
          .authority_url = account.authority_url,
          .graph_url = account.graph_url,
          .intune_url = account.intune_url,
          .trust_ca_pem = account.trust_ca_pem,
          .delegation = account.delegation,
          .created_at = account.created_at};
}

Result<AzureAccountView> AzureAccounts::add(const AzureAccountInput& input) {
  auto& store = workspace_.store();
  SCEPTER_CHECK(Scope(store, actor_.principal).require_mrao("create Azure accounts"));
  SCEPTER_CHECK(check_name_free(store, input.name));
  store::AzureAccount account{.name = input.name, .environment = input.environment};
  SCEPTER_CHECK(
      apply_environment(account, {input.authority_url, input.graph_url, input.intune_url}, {}));
  SCEPTER_TRY(account.tenant_id, normalize_guid("tenant_id", input.tenant_id));
  SCEPTER_TRY(account.client_id, normalize_guid("client_id", input.client_id));
  SCEPTER_TRY(account.client_secret_encrypted, sealed_secret(workspace_, input.client_secret));
  SCEPTER_TRY(account.trust_ca_pem, normalized_trust_bundle(input.trust_ca_pem));
  account.created_at = workspace_.now();
  SCEPTER_TRY(account, store.create_azure_account(account));
  auto view = view_of(account);
  SCEPTER_CHECK(record_audit(workspace_, actor_, "azure_account.create",
                             "azure_account:" + account.name, nullptr, to_json(view)));
  return view;
}

Result<std::vector<AzureAccountView>> AzureAccounts::list() {
  const Scope scope(workspace_.store(), actor_.principal);
  SCEPTER_TRY(const auto accounts, workspace_.store().list_azure_accounts());
  std::vector<AzureAccountView> views;
  for (const auto& account : accounts) {
    SCEPTER_TRY(const bool seen, scope.sees_azure_account(account));
    if (seen) views.push_back(view_of(account));
  }
  return views;
}

Result<AzureAccountView> AzureAccounts::show(const std::string& account) {
  SCEPTER_TRY(const auto found, Scope(workspace_.store(), actor_.principal).azure_account(account));
  return view_of(found);
}

Result<AzureAccountView> AzureAccounts::edit(const std::string& account,
                                             const AzureAccountChanges& changes) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_TRY(const auto current, scope.azure_account(account));
  SCEPTER_CHECK(scope.require_mrao("change Azure accounts"));

  store::AzureAccount updated = current;
  if (changes.name && *changes.name != current.name) {
    SCEPTER_CHECK(check_name_free(store, *changes.name));
    updated.name = *changes.name;
  }
  updated.environment = changes.environment.value_or(current.environment);
  // The URLs stay unless the environment changes to one with presets.
  const bool keeps_urls =
      updated.environment == current.environment || updated.environment == "custom";
  const Urls kept =
      keeps_urls ? Urls{current.authority_url, current.graph_url, current.intune_url} : Urls{};
  const Urls given{changes.authority_url, changes.graph_url, changes.intune_url};
  SCEPTER_CHECK(apply_environment(updated, given, kept));
  if (changes.tenant_id) {
    SCEPTER_TRY(updated.tenant_id, normalize_guid("tenant_id", *changes.tenant_id));
  }
  if (changes.client_id) {
    SCEPTER_TRY(updated.client_id, normalize_guid("client_id", *changes.client_id));
  }
  if (changes.client_secret) {
    SCEPTER_TRY(updated.client_secret_encrypted, sealed_secret(workspace_, *changes.client_secret));
  }
  if (changes.trust_ca_pem) {
    SCEPTER_TRY(updated.trust_ca_pem, normalized_trust_bundle(*changes.trust_ca_pem));
  }

  SCEPTER_TRY(updated, store.update_azure_account(updated));
  const auto after = view_of(updated);
  auto audited_after = to_json(after);
  // Only the fact that the secret changed is recorded, never the secret.
  if (changes.client_secret) audited_after["client_secret_changed"] = true;
  SCEPTER_CHECK(record_audit(workspace_, actor_, "azure_account.update",
                             "azure_account:" + current.name, to_json(view_of(current)),
                             audited_after));
  return after;
}

Status AzureAccounts::remove(const std::string& account) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_TRY(const auto found, scope.azure_account(account));
  SCEPTER_CHECK(scope.require_mrao("delete Azure accounts"));
  SCEPTER_TRY(const auto endpoints, endpoints_using(store, found.id));
  if (!endpoints.empty()) {
    return fail(conflict_on("azure_account", "Azure account " + quoted(found.name) +
                                                 " is used by endpoint(s) " + joined(endpoints) +
                                                 "; change or delete them first"));
  }
  SCEPTER_CHECK(store.delete_azure_account(found.id));
  return record_audit(workspace_, actor_, "azure_account.delete", "azure_account:" + found.name,
                      to_json(view_of(found)), nullptr);
}

Result<intune::ConnectionReport> AzureAccounts::test(const std::string& account) {
  const Scope scope(workspace_.store(), actor_.principal);
  SCEPTER_TRY(const auto found, scope.azure_account(account));
  SCEPTER_CHECK(scope.require_mrao("test Azure accounts"));
  SCEPTER_TRY(const auto secret,
              workspace_.secrets().open(found.client_secret_encrypted, kAzureClientSecretPurpose));
  return tester_(found, secret);
}

Result<AzureDelegationView> AzureAccounts::delegation_of(const store::AzureAccount& account) {
  auto& store = workspace_.store();
  SCEPTER_TRY(const auto delegations, store.list_azure_delegations(account.id));
  SCEPTER_TRY(auto targets, delegation_targets(store, delegations));
  return AzureDelegationView{
      .azure_account = account.name, .mode = account.delegation, .targets = std::move(targets)};
}

Result<AzureDelegationView> AzureAccounts::delegation(const std::string& account) {
  SCEPTER_TRY(const auto found, Scope(workspace_.store(), actor_.principal).azure_account(account));
  return delegation_of(found);
}

Result<AzureDelegationView> AzureAccounts::set_delegation(
    const std::string& account, const std::string& mode,
    const std::vector<DelegationTarget>& targets) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_TRY(auto found, scope.azure_account(account));
  SCEPTER_CHECK(scope.require_mrao("delegate Azure accounts"));
  SCEPTER_TRY(const auto delegations, resolve_delegation(store, mode, targets));
  SCEPTER_CHECK(check_endpoints_covered(store, found, mode, delegations));
  SCEPTER_TRY(const auto before, delegation_of(found));
  found.delegation = mode;
  SCEPTER_TRY(found, store.update_azure_account(found));
  SCEPTER_CHECK(store.set_azure_delegations(found.id, delegations));
  SCEPTER_TRY(auto after, delegation_of(found));
  SCEPTER_CHECK(record_audit(workspace_, actor_, "azure_account.delegate",
                             "azure_account:" + found.name, to_json(before), to_json(after)));
  return after;
}

nlohmann::json to_json(const AzureAccountView& account) {
  return {{"id", account.id},
          {"name", account.name},
          {"environment", account.environment},
          {"tenant_id", account.tenant_id},
          {"client_id", account.client_id},
          {"authority_url", account.authority_url},
          {"graph_url", account.graph_url},
          {"intune_url", account.intune_url},
          {"trust_ca_pem",
           account.trust_ca_pem.empty() ? nlohmann::json() : nlohmann::json(account.trust_ca_pem)},
          {"delegation", account.delegation},
          {"created_at", rfc3339(account.created_at)}};
}

nlohmann::json to_json(const AzureDelegationView& delegation) {
  return {{"azure_account", delegation.azure_account},
          {"mode", delegation.mode},
          {"targets", to_json(delegation.targets)}};
}

nlohmann::json to_json(const intune::ConnectionReport& report) {
  auto steps = nlohmann::json::array();
  for (const auto& step : report.steps) {
    steps.push_back({{"name", step.name}, {"ok", step.ok}, {"detail", step.detail}});
  }
  return {{"ok", report.ok}, {"steps", std::move(steps)}};
}

}  // namespace scepter::admin
