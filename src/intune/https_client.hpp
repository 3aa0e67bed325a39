#pragma once
// Outgoing HTTPS to Entra ID, Microsoft Graph and Intune over libcurl: one request at a time,
// bounded in time and size, verifying the peer against the system trust store plus an optional
// extra bundle (custom clouds, the test fake).

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace scepter::intune {

struct HttpsOptions {
  std::chrono::milliseconds connect_timeout{5'000};
  std::chrono::milliseconds timeout{15'000};  // the whole exchange
  std::size_t max_response_bytes = 4 << 20;
  std::string extra_trust_pem;  // added to the system trust store; empty: system store only
};

struct HttpsRequest {
  std::string method = "GET";  // "GET" | "POST"
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpsResponse {
  long status = 0;
  std::string body;

  bool ok() const { return status >= 200 && status < 300; }
};

class HttpsClient {
 public:
  explicit HttpsClient(HttpsOptions options);

  // Any HTTP status is a response; unavailable when the peer could not be reached, did not
  // answer in time or failed TLS verification; too_large past max_response_bytes.
  Result<HttpsResponse> send(const HttpsRequest& request) const;

  const HttpsOptions& options() const { return options_; }

 private:
  HttpsOptions options_;
  std::string trust_bundle_;  // system bundle + extra_trust_pem, when an extra bundle is given
};

}  // namespace scepter::intune
