#include "app/serve.hpp"

#include <iostream>

#include "admin/init.hpp"
#include "admin/workspace.hpp"
#include "app/shutdown_signal.hpp"
#include "ca/scep_authority.hpp"
#include "core/log.hpp"
#include "http/crl_routes.hpp"
#include "http/scep_routes.hpp"
#include "scep/engine.hpp"

namespace scepter::app {
namespace {

int failed(std::string_view what, const Error& error) {
  std::cerr << "error: " << what << ": " << error.client_text << "\n";
  if (!error.log_text.empty() && error.log_text != error.client_text) {
    log::error(what, {{"detail", error.log_text}});
  }
  return 1;
}

// The URL clients reach us by, when the operator named none: the listen address itself, unless
// it is a wildcard that no client could use.
std::string derived_public_url(const std::string& listen) {
  if (listen.starts_with("0.0.0.0:") || listen.starts_with("[::]:")) return {};
  return "http://" + listen;
}

// On an empty data directory, the demo set-up of the README: one ready endpoint and account.
Status initialize_demo_if_empty(admin::Workspace& workspace) {
  if (workspace.pki().root_certificate()) return {};
  SCEPTER_TRY(auto result,
              admin::initialize(workspace, {.demo = true}, {.name = "serve", .source = "local"}));
  std::cout << "Initialized a demo set-up in " << workspace.data_dir().string() << "\n"
            << "  SCEP URL:     " << result.scep_url << "\n"
            << "  access code:  " << result.access_code << "   (shown once; rotate with "
            << "`scepter account rotate-code`)\n"
            << "  root CA:      " << result.ca_certificate_path << "\n"
            << std::flush;
  return {};
}

}  // namespace

int serve(const ServeOptions& options) {
  log::configure(options.log_format == "json" ? log::Format::json : log::Format::text,
                 log::Level::info);
  auto workspace = admin::Workspace::open(options.data_dir, true);
  if (!workspace) return failed("cannot open data directory", workspace.error());
  auto& ws = **workspace;

  auto url = options.public_url.empty() && ws.public_base_url() == admin::kDefaultPublicBaseUrl
                 ? derived_public_url(options.http.listen)
                 : options.public_url;
  if (!url.empty() && url != ws.public_base_url()) {
    if (auto set = ws.set_public_base_url(url); !set) return failed("bad public URL", set.error());
  }
  if (auto initialized = initialize_demo_if_empty(ws); !initialized) {
    return failed("cannot initialize", initialized.error());
  }

  ca::ScepAuthority authority(ws.store(), ws.pki(), ws.vault(), ws.access_codes());
  scep::Engine engine(authority, ws.clock());
  http::Router router;
  http::add_scep_routes(router, engine);
  http::add_crl_routes(router, [&ws](long long ca_id) -> Result<Bytes> {
    SCEPTER_TRY(auto crl, ws.pki().current_crl(ca_id));
    return crl.der();
  });

  http::Server server(options.http, std::move(router));
  // Before any server thread exists, so that every thread inherits the blocked signal mask.
  ShutdownSignal shutdown([&server] {
    log::info("shutting down", {{"reason", "signal"}});
    server.stop();
  });
  if (auto started = server.start(); !started) return failed("cannot listen", started.error());
  log::info("listening", {{"address", options.http.listen},
                          {"port", std::to_string(server.port())},
                          {"public_url", ws.public_base_url()}});
  server.run();
  log::info("stopped");
  return 0;
}

}  // namespace scepter::app
