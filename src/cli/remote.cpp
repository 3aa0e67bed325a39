#include "cli/remote.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>

namespace scepter::cli {
namespace {

constexpr int kPageSize = 1000;

// The category the server's status stands for; the CLI prints detail and field either way.
ErrorCategory category_of(unsigned status) {
  switch (status) {
    case 400:
      return ErrorCategory::bad_request;
    case 401:
      return ErrorCategory::unauthorized;
    case 403:
      return ErrorCategory::forbidden;
    case 404:
      return ErrorCategory::not_found;
    case 409:
      return ErrorCategory::conflict;
    case 413:
      return ErrorCategory::too_large;
    case 422:
      return ErrorCategory::invalid;
    case 429:
      return ErrorCategory::throttled;
    case 503:
      return ErrorCategory::unavailable;
    default:
      return ErrorCategory::internal;
  }
}

Error error_of(const HttpAnswer& answer) {
  auto problem = nlohmann::json::parse(answer.body, nullptr, false);
  std::string detail = "the server answered HTTP " + std::to_string(answer.status);
  std::string field;
  if (problem.is_object()) {
    detail = problem.value("detail", detail);
    if (problem.contains("errors") && problem["errors"].is_array() && !problem["errors"].empty()) {
      field = problem["errors"][0].value("field", "");
    }
  }
  Error error = make_error(category_of(answer.status), std::move(detail));
  error.field = std::move(field);
  return error;
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

std::string lower_case(std::string_view text) {
  std::string lower(text);
  std::ranges::transform(lower, lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

// Only the literal forms that certainly mean this machine: "127.1" or "0x7f.0.0.1", which some
// resolvers also take for loopback, are refused rather than guessed at.
bool is_loopback(const std::string& host) {
  if (lower_case(host) == "localhost") return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    const std::string literal = host.substr(1, host.size() - 2);
    return ::inet_pton(AF_INET6, literal.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
  }
  return false;
}

bool is_visible_ascii(std::string_view text) {
  return std::ranges::all_of(text, [](unsigned char c) { return c > 0x20 && c < 0x7f; });
}

// The messages never repeat the whole URL: it may carry a password.
Status check_server(std::string_view server) {
  if (server.empty()) return fail(ErrorCategory::bad_request, "no server URL given");
  if (!is_visible_ascii(server)) {
    return fail(ErrorCategory::bad_request, "the server URL holds spaces or control characters");
  }
  const auto scheme_end = server.find("://");
  if (scheme_end == std::string_view::npos) {
    return fail(ErrorCategory::bad_request,
                "the server URL has no scheme: write it as https://HOST[:PORT]");
  }
  const std::string scheme = lower_case(server.substr(0, scheme_end));
  if (scheme != "https" && scheme != "http") {
    return fail(ErrorCategory::bad_request,
                "the server URL must start with https:// (not " + scheme + "://)");
  }
  const auto rest = server.substr(scheme_end + 3);
  const auto authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) {
    return fail(ErrorCategory::bad_request,
                "the server URL must not hold a user name or password; give the token with "
                "SCEPTER_TOKEN, --token or cli.toml");
  }
  const auto host_end = authority.starts_with('[') ? authority.find(']') + 1 : authority.find(':');
  const std::string host(authority.substr(0, host_end));
  const auto port = host_end == 0 || host_end > authority.size() ? std::string_view()
                                                                 : authority.substr(host_end);
  const bool port_ok =
      port.empty() ||
      (port.size() > 1 && port.front() == ':' &&
       std::ranges::all_of(port.substr(1), [](unsigned char c) { return std::isdigit(c) != 0; }));
  if (host.empty() || host == "[]" || !port_ok) {
    return fail(ErrorCategory::bad_request,
                "the server URL needs a host and at most a numeric port: https://HOST[:PORT]");
  }
  if (scheme == "http" && !is_loopback(host)) {
    return fail(ErrorCategory::bad_request,
                "refusing to send the token over plain http:// to " + host +
                    ", where anyone on the way could read it: use https:// (with --ca-bundle for "
                    "a private CA), or http:// only to a loopback address (127.0.0.1, [::1], "
                    "localhost)");
  }
  return {};
}

Status check_token(std::string_view token) {
  if (token.empty()) {
    return fail(ErrorCategory::bad_request,
                "no token for the server: set SCEPTER_TOKEN, give --token, or put the server and "
                "its token in cli.toml (its token is sent only to the server it names)");
  }
  if (!is_visible_ascii(token)) {
    return fail(ErrorCategory::bad_request,
                "the token holds spaces or control characters; was it copied whole?");
  }
  return {};
}

struct CurlCleanup {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct HeaderListCleanup {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

Result<HttpAnswer> curl_transport(const HttpExchange& exchange) {
  std::unique_ptr<CURL, CurlCleanup> curl(curl_easy_init());
  if (!curl) return fail(ErrorCategory::internal, "cannot start an HTTP client");
  std::unique_ptr<curl_slist, HeaderListCleanup> headers;
  auto add_header = [&](const std::string& header) {
    headers.reset(curl_slist_append(headers.release(), header.c_str()));
  };
  add_header("Accept: application/json");
  if (!exchange.authorization.empty()) add_header("Authorization: " + exchange.authorization);
  if (!exchange.body.empty()) add_header("Content-Type: application/json");
  HttpAnswer answer;
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, exchange.url.c_str());
  curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, exchange.method.c_str());
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  if (!exchange.body.empty()) {
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, exchange.body.c_str());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(exchange.body.size()));
  }
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, 60L);
  if (!exchange.ca_bundle.empty())
    curl_easy_setopt(handle, CURLOPT_CAINFO, exchange.ca_bundle.c_str());
  const CURLcode code = curl_easy_perform(handle);
  if (code != CURLE_OK) {
    return fail(ErrorCategory::unavailable,
                "cannot reach " + exchange.url + ": " + curl_easy_strerror(code));
  }
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  answer.status = static_cast<unsigned>(status);
  char* content_type = nullptr;
  curl_easy_getinfo(handle, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type != nullptr) answer.content_type = content_type;
  return answer;
}

Result<ApiClient> ApiClient::connect(std::string server, std::string token, HttpTransport transport,
                                     std::string ca_bundle) {
  SCEPTER_CHECK(check_server(server));
  SCEPTER_CHECK(check_token(token));
  return ApiClient(std::move(server), std::move(token), std::move(transport), std::move(ca_bundle));
}

ApiClient::ApiClient(std::string server, std::string token, HttpTransport transport,
                     std::string ca_bundle)
    : base_(std::move(server)),
      token_(std::move(token)),
      transport_(std::move(transport)),
      ca_bundle_(std::move(ca_bundle)) {
  while (base_.ends_with('/')) base_.pop_back();
}

Result<HttpAnswer> ApiClient::exchange(const std::string& method, const std::string& path,
                                       const nlohmann::json& body) {
  SCEPTER_TRY(auto answer, transport_({.method = method,
                                       .url = base_ + "/api/v1" + path,
                                       .authorization = "Bearer " + token_,
                                       .body = body.is_null() ? std::string() : body.dump(),
                                       .ca_bundle = ca_bundle_}));
  if (answer.status >= 400) return fail(error_of(answer));
  return answer;
}

Result<nlohmann::json> ApiClient::get(const std::string& path) {
  return send("GET", path);
}

Result<nlohmann::json> ApiClient::send(const std::string& method, const std::string& path,
                                       const nlohmann::json& body) {
  SCEPTER_TRY(const auto answer, exchange(method, path, body));
  if (answer.body.empty()) return nlohmann::json(nullptr);
  auto parsed = nlohmann::json::parse(answer.body, nullptr, false);
  if (parsed.is_discarded()) return fail(ErrorCategory::bad_request, "the server sent no JSON");
  return parsed;
}

Result<Bytes> ApiClient::download(const std::string& path) {
  SCEPTER_TRY(const auto answer, exchange("GET", path, nullptr));
  const auto bytes = as_bytes(answer.body);
  return Bytes(bytes.begin(), bytes.end());
}

Result<nlohmann::json> ApiClient::list_all(const std::string& path) {
  auto items = nlohmann::json::array();
  const char separator = path.find('?') == std::string::npos ? '?' : '&';
  for (int offset = 0;; offset += kPageSize) {
    SCEPTER_TRY(const auto page, get(path + separator + "limit=" + std::to_string(kPageSize) +
                                     "&offset=" + std::to_string(offset)));
    const auto& chunk = page.at("items");
    for (const auto& item : chunk) items.push_back(item);
    if (std::ssize(chunk) < kPageSize) return items;
  }
}

}  // namespace scepter::cli
