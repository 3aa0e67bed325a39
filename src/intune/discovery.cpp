#include "intune/discovery.hpp"

#include <nlohmann/json.hpp>

namespace scepter::intune {
namespace {

// Graph pages long collections; the Intune principal has a few dozen endpoints, so a handful
// of pages is plenty and the bound stops a misbehaving server from looping us.
constexpr int kMaxPages = 10;

}  // namespace

ServiceDiscovery::ServiceDiscovery(const HttpsClient& https, TokenClient& tokens)
    : https_(https), tokens_(tokens) {}

Result<std::map<std::string, std::string, std::less<>>> ServiceDiscovery::fetch() {
  const auto& graph = tokens_.credentials().graph_url;
  auto scope = default_scope(graph);
  std::string url =
      graph + "/v1.0/servicePrincipals/appId=" + std::string(kIntuneAppId) + "/endpoints";
  std::map<std::string, std::string, std::less<>> services;
  for (int page = 0; page < kMaxPages && !url.empty(); ++page) {
    SCEPTER_TRY(auto response,
                send_authorized(https_, tokens_, scope,
                                {.url = url, .headers = {{"Accept", "application/json"}}}));
    if (response.status == 401) {
      return fail(ErrorCategory::unauthorized,
                  "Microsoft Graph refused the application's token for service discovery");
    }
    if (response.status == 403) {
      return fail(ErrorCategory::forbidden,
                  "Microsoft Graph refused service discovery (HTTP 403): grant the application "
                  "the Microsoft Graph application permission Application.Read.All with admin "
                  "consent");
    }
    if (!response.ok()) {
      return fail(ErrorCategory::unavailable, "Microsoft Graph service discovery failed (HTTP " +
                                                  std::to_string(response.status) + ")");
    }
    auto parsed = nlohmann::json::parse(response.body, nullptr, false);
    if (!parsed.is_object() || !parsed.contains("value") || !parsed["value"].is_array()) {
      return fail(ErrorCategory::unavailable, "Microsoft Graph answered discovery without a list");
    }
    for (const auto& entry : parsed["value"]) {
      if (!entry.is_object()) continue;
      auto provider = entry.value("providerName", std::string());
      auto uri = entry.value("uri", std::string());
      if (!provider.empty() && !uri.empty()) services[provider] = without_trailing_slash(uri);
    }
    url = parsed.value("@odata.nextLink", std::string());
  }
  return services;
}

Result<std::string> ServiceDiscovery::service_uri(std::string_view provider_name) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = services_.find(provider_name); it != services_.end()) return it->second;
  }
  SCEPTER_TRY(auto services, fetch());
  std::lock_guard lock(mutex_);
  services_ = std::move(services);
  if (auto it = services_.find(provider_name); it != services_.end()) return it->second;
  return fail(ErrorCategory::not_found,
              "Intune service " + std::string(provider_name) +
                  " is not listed in discovery: check that the tenant has an Intune license and "
                  "that the application has the Intune API permission scep_challenge_provider "
                  "with admin consent");
}

void ServiceDiscovery::forget() {
  std::lock_guard lock(mutex_);
  services_.clear();
}

}  // namespace scepter::intune
