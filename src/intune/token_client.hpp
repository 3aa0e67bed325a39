#pragma once
// OAuth 2.0 client-credentials tokens from Entra ID, one per scope, cached until shortly before
// they expire. A caller that got 401 with a token drops it so that the next call fetches anew.

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "core/error.hpp"
#include "intune/azure_endpoints.hpp"
#include "intune/https_client.hpp"

namespace scepter::intune {

class TokenClient {
 public:
  TokenClient(const HttpsClient& https, AzureCredentials credentials);

  // unauthorized when Entra refuses the credentials (its error code in the text, never the
  // secret); unavailable when it cannot be reached.
  Result<std::string> token(const std::string& scope);
  void drop(const std::string& scope);

  const AzureCredentials& credentials() const { return credentials_; }

 private:
  struct Cached {
    std::string access_token;
    std::chrono::steady_clock::time_point renew_at;
  };
  Result<Cached> fetch(const std::string& scope);

  const HttpsClient& https_;
  AzureCredentials credentials_;
  std::mutex mutex_;
  std::map<std::string, Cached> cache_;
};

}  // namespace scepter::intune

namespace scepter::intune {

// Sends `request` with a bearer token for `scope`; after a 401 the token is dropped and the
// request sent once more with a fresh one.
Result<HttpsResponse> send_authorized(const HttpsClient& https, TokenClient& tokens,
                                      const std::string& scope, HttpsRequest request);

}  // namespace scepter::intune
