#include "intune/azure_endpoints.hpp"

namespace scepter::intune {

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

AzureCredentials credentials_of(const store::AzureAccount& account, std::string client_secret) {
  return {.authority_url = without_trailing_slash(account.authority_url),
          .graph_url = without_trailing_slash(account.graph_url),
          .intune_url = without_trailing_slash(account.intune_url),
          .tenant_id = account.tenant_id,
          .client_id = account.client_id,
          .client_secret = std::move(client_secret)};
}

HttpsOptions https_options_of(const store::AzureAccount& account) {
  return {.extra_trust_pem = account.trust_ca_pem};
}

std::string default_scope(const std::string& resource_url) {
  return without_trailing_slash(resource_url) + "/.default";
}

}  // namespace scepter::intune
