#pragma once
// The CLI's remote mode: `--server URL --token T` sends a verb to the REST API instead of
// opening a local data directory, and prints the same JSON.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/bytes.hpp"
#include "core/error.hpp"

namespace scepter::cli {

struct HttpExchange {
  std::string method;
  std::string url;  // absolute
  std::string authorization;
  std::string body;       // JSON, or empty
  std::string ca_bundle;  // PEM file of CAs to trust for https; empty: the system's
};
struct HttpAnswer {
  unsigned status = 0;
  std::string content_type;
  std::string body;
};
// How requests reach the server: libcurl by default; tests route them in-process.
using HttpTransport = std::function<Result<HttpAnswer>(const HttpExchange&)>;
Result<HttpAnswer> curl_transport(const HttpExchange& exchange);

class ApiClient {
 public:
  // server: "https://host:8443" (a trailing slash is dropped). Every request carries the token,
  // so before any is sent this refuses (bad_request) a server that is not an http(s) URL with a
  // host, a URL with a user name or password, plain http:// to anything but a loopback address
  // (127.0.0.0/8, [::1], localhost), and an empty token or one with spaces or control characters.
  static Result<ApiClient> connect(std::string server, std::string token, HttpTransport transport,
                                   std::string ca_bundle = {});

  // path: below /api/v1, with its query, each part already URL-encoded.
  Result<nlohmann::json> get(const std::string& path);
  Result<nlohmann::json> send(const std::string& method, const std::string& path,
                              const nlohmann::json& body = nullptr);
  // A document route's body as it is (a certificate, a CRL).
  Result<Bytes> download(const std::string& path);
  // Every item of a list route, fetched page by page.
  Result<nlohmann::json> list_all(const std::string& path);

 private:
  ApiClient(std::string server, std::string token, HttpTransport transport, std::string ca_bundle);

  Result<HttpAnswer> exchange(const std::string& method, const std::string& path,
                              const nlohmann::json& body);

  std::string base_;
  std::string token_;
  HttpTransport transport_;
  std::string ca_bundle_;
};

}  // namespace scepter::cli
