#pragma once
// Finds Intune's service URLs the way Microsoft asks third-party CAs to: the endpoints of the
// Intune service principal in Microsoft Graph, provider name -> URI. The map is cached; a
// caller whose request to a service failed calls forget() so that the next lookup asks again.

#include <map>
#include <mutex>
#include <string>

#include "intune/token_client.hpp"

namespace scepter::intune {

inline constexpr std::string_view kIntuneAppId = "0000000a-0000-0000-c000-000000000000";
inline constexpr std::string_view kScepValidationService = "ScepRequestValidationFEService";
inline constexpr std::string_view kPkiConnectorService = "PkiConnectorFEService";

class ServiceDiscovery {
 public:
  ServiceDiscovery(const HttpsClient& https, TokenClient& tokens);

  // not_found naming the likely cause (licensing, permissions) when the service is not listed;
  // forbidden when Graph refuses discovery.
  Result<std::string> service_uri(std::string_view provider_name);
  void forget();

 private:
  Result<std::map<std::string, std::string, std::less<>>> fetch();

  const HttpsClient& https_;
  TokenClient& tokens_;
  std::mutex mutex_;
  std::map<std::string, std::string, std::less<>> services_;
};

}  // namespace scepter::intune
