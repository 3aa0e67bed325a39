#include "http/console_routes.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

namespace scepter::http {
namespace {

// The console loads nothing but its own files and talks only to its own origin: no inline
// script, no third-party host, no framing (clickjacking of the admin screens).
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

std::vector<Header> security_headers() {
  return {{"Content-Security-Policy", std::string(kContentSecurityPolicy)},
          {"X-Content-Type-Options", "nosniff"},
          {"X-Frame-Options", "DENY"},
          {"Referrer-Policy", "no-referrer"},
          // The files change only with the binary; revalidating each load keeps an upgraded
          // node from mixing old and new modules.
          {"Cache-Control", "no-cache"}};
}

Response asset_response(const ConsoleAsset& asset) {
  return Response{200, std::string(console_content_type(asset.path)), std::string(asset.body),
                  security_headers()};
}

}  // namespace

std::string_view console_content_type(std::string_view path) {
  constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".json", "application/json"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [extension, type] : kTypes) {
    if (path.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

void add_console_routes(Router& router, ConsoleOptions options) {
  const std::string prefix(kConsolePrefix);
  router.add("GET", prefix + "/settings.json", [options](const Request&) {
    const nlohmann::json settings = {{"public_base_url", options.public_base_url()}};
    return Response{200, "application/json", settings.dump(), security_headers()};
  });
  router.add(
      "GET", prefix,
      [assets = options.assets, prefix](const Request& request) {
        if (request.path == prefix) {
          Response redirect{302, "text/plain", "see /console/", security_headers()};
          redirect.headers.push_back({"Location", prefix + "/"});
          return redirect;
        }
        // Exact lookup in the table: no file system, so "..", "%2e" and the like simply miss.
        std::string_view wanted = std::string_view(request.path).substr(prefix.size() + 1);
        if (wanted.empty()) wanted = "index.html";
        const auto found = std::ranges::find(assets, wanted, &ConsoleAsset::path);
        if (found == assets.end()) return text_response(404, "not found");
        return asset_response(*found);
      },
      Execution::connection_thread);
}

}  // namespace scepter::http
