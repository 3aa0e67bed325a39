#include "intune/token_client.hpp"

#include <nlohmann/json.hpp>

#include "core/codec.hpp"

namespace scepter::intune {
namespace {

// A token is renewed this long before Entra says it expires, so that no request carries one
// that lapses in flight.
constexpr auto kRenewMargin = std::chrono::seconds(300);

// Entra's error body: {"error": "invalid_client", "error_description": "AADSTS7000215: ..."}.
// The first line of the description names the cause and never echoes the secret.
std::string entra_error(const std::string& body) {
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (!parsed.is_object()) return "no error detail";
  auto text = parsed.value("error", std::string("error"));
  auto description = parsed.value("error_description", std::string());
  if (auto newline = description.find_first_of("\r\n"); newline != std::string::npos) {
    description.resize(newline);
  }
  if (!description.empty()) text += ": " + description;
  return text;
}

}  // namespace

TokenClient::TokenClient(const HttpsClient& https, AzureCredentials credentials)
    : https_(https), credentials_(std::move(credentials)) {}

Result<TokenClient::Cached> TokenClient::fetch(const std::string& scope) {
  auto url =
      credentials_.authority_url + "/" + url_encode(credentials_.tenant_id) + "/oauth2/v2.0/token";
  auto body = "grant_type=client_credentials&client_id=" + url_encode(credentials_.client_id) +
              "&client_secret=" + url_encode(credentials_.client_secret) +
              "&scope=" + url_encode(scope);
  SCEPTER_TRY(auto response,
              https_.send({.method = "POST",
                           .url = url,
                           .headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                                       {"Accept", "application/json"}},
                           .body = std::move(body)}));
  if (!response.ok()) {
    auto detail = "Entra ID refused a token for " + scope + " (HTTP " +
                  std::to_string(response.status) + "): " + entra_error(response.body);
    auto category = response.status == 400 || response.status == 401 ? ErrorCategory::unauthorized
                                                                     : ErrorCategory::unavailable;
    return fail(category, detail, detail);
  }
  auto parsed = nlohmann::json::parse(response.body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("access_token") ||
      !parsed["access_token"].is_string()) {
    return fail(ErrorCategory::unavailable, "Entra ID answered without an access token");
  }
  long long lifetime = 3600;
  if (auto it = parsed.find("expires_in"); it != parsed.end()) {
    // Entra has sent expires_in both as a number and as a string.
    if (it->is_number_integer()) lifetime = it->get<long long>();
    if (it->is_string()) lifetime = std::atoll(it->get<std::string>().c_str());
  }
  auto usable = std::chrono::seconds(lifetime) - kRenewMargin;
  if (usable < std::chrono::seconds(0)) usable = std::chrono::seconds(0);
  return Cached{parsed["access_token"].get<std::string>(),
                std::chrono::steady_clock::now() + usable};
}

Result<std::string> TokenClient::token(const std::string& scope) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(scope);
        it != cache_.end() && std::chrono::steady_clock::now() < it->second.renew_at) {
      return it->second.access_token;
    }
  }
  SCEPTER_TRY(auto fetched, fetch(scope));
  std::lock_guard lock(mutex_);
  cache_.insert_or_assign(scope, fetched);
  return fetched.access_token;
}

void TokenClient::drop(const std::string& scope) {
  std::lock_guard lock(mutex_);
  cache_.erase(scope);
}

}  // namespace scepter::intune

namespace scepter::intune {

Result<HttpsResponse> send_authorized(const HttpsClient& https, TokenClient& tokens,
                                      const std::string& scope, HttpsRequest request) {
  request.headers.emplace_back("Authorization", "");
  for (int attempt = 0;; ++attempt) {
    SCEPTER_TRY(auto token, tokens.token(scope));
    request.headers.back().second = "Bearer " + token;
    SCEPTER_TRY(auto response, https.send(request));
    if (response.status != 401 || attempt > 0) return response;
    tokens.drop(scope);
  }
}

}  // namespace scepter::intune
