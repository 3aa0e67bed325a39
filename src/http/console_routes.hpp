#pragma once
// The web console: the files of web/, compiled in at build time (cmake/embed_web.cmake) and served
// under /console. The console is static: everything it shows comes from the REST API under
// /api/v1 with the signed-in admin's token, so these routes hold no state and need no
// authentication. Transport is the router's business: serve.cpp puts "/console" under
// require_tls() like the API.
//   GET /console        redirect to /console/
//   GET /console/       index.html
//   GET /console/settings.json  what the console needs to know of this server and the API
//                                does not say: {"public_base_url": "..."} (SCEP URLs start there)
//   GET /console/PATH   the file web/PATH; 404 for anything else

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "http/router.hpp"

namespace scepter::http {

inline constexpr std::string_view kConsolePrefix = "/console";

struct ConsoleAsset {
  std::string_view path;  // relative to web/: "index.html", "js/app.js"
  std::string_view body;
};

// Every file of web/, sorted by path (generated at build time).
std::span<const ConsoleAsset> console_assets();

// The Content-Type for an asset path, from its extension; application/octet-stream if unknown.
std::string_view console_content_type(std::string_view path);

struct ConsoleOptions {
  // Called on each settings request, on a server thread.
  std::function<std::string()> public_base_url;
  // Must outlive the router (the embedded table lives for the whole program).
  std::span<const ConsoleAsset> assets = console_assets();
};

void add_console_routes(Router& router, ConsoleOptions options);

}  // namespace scepter::http
