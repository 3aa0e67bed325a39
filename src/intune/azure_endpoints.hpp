#pragma once
// Where one Azure account's requests go and with which credentials: the authority (Entra ID),
// Microsoft Graph for discovery and the Intune resource its tokens are for.

#include <string>

#include "intune/https_client.hpp"
#include "store/records.hpp"

namespace scepter::intune {

struct AzureCredentials {
  std::string authority_url;  // without a trailing slash
  std::string graph_url;
  std::string intune_url;
  std::string tenant_id;
  std::string client_id;
  std::string client_secret;
};

AzureCredentials credentials_of(const store::AzureAccount& account, std::string client_secret);

// The connection settings for an account: its extra trust bundle, default limits.
HttpsOptions https_options_of(const store::AzureAccount& account);

// "https://graph.microsoft.com/" -> "https://graph.microsoft.com/.default"
std::string default_scope(const std::string& resource_url);

std::string without_trailing_slash(std::string url);

}  // namespace scepter::intune
