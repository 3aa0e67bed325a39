#include "app/serve.hpp"

#include <iostream>

#include "admin/azure_accounts.hpp"
#include "admin/init.hpp"
#include "admin/workspace.hpp"
#include "app/shutdown_signal.hpp"
#include "app/tls_identity.hpp"
#include "ca/scep_authority.hpp"
#include "core/log.hpp"
#include "http/console_routes.hpp"
#include "http/crl_routes.hpp"
#include "http/health_routes.hpp"
#include "http/metrics.hpp"
#include "http/rest_api.hpp"
#include "http/scep_routes.hpp"
#include "intune/gateway.hpp"
#include "intune/revocation_poller.hpp"
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

// The URL clients reach us by, when the operator named none: the plain listener (SCEP clients
// mostly speak plain HTTP), else the HTTPS one, with the port it bound (the configuration may ask
// for port 0); none for a wildcard address, which no client could use.
std::string derived_public_url(const http::ServerOptions& options, const http::Server& server) {
  const bool plain = !options.listen.empty();
  const auto& listen = plain ? options.listen : options.tls_listen;
  if (listen.starts_with("0.0.0.0:") || listen.starts_with("[::]:")) return {};
  const auto host = listen.substr(0, listen.rfind(':'));
  return (plain ? "http://" : "https://") + host + ":" +
         std::to_string(plain ? server.port() : server.tls_port());
}

// On an empty data directory, the demo set-up of the README: one ready endpoint and account.
Result<std::optional<admin::InitResult>> initialize_demo_if_empty(admin::Workspace& workspace) {
  if (workspace.pki().root_certificate()) return std::nullopt;
  SCEPTER_TRY(auto result, admin::initialize(workspace, {.demo = true},
                                             {"serve", "local", admin::local_mrao("serve")}));
  return result;
}

// Printed once the server listens: only then is the SCEP URL known.
void print_demo(const admin::Workspace& workspace, const admin::InitResult& result) {
  std::cout << "Initialized a demo set-up in " << workspace.data_dir().string() << "\n"
            << "  SCEP URL:     " << workspace.public_base_url() << "/scep/" << admin::kDemoEndpoint
            << "\n"
            << "  access code:  " << result.access_code << "   (shown once; rotate with "
            << "`scepter account rotate-code`)\n"
            << "  root CA:      " << result.ca_certificate_path << "\n"
            << std::flush;
}

// Ready when the database answers and every enabled endpoint's keys and certificates load; the
// authority caches what it loaded, so that repeated probes cost one query.
Status check_ready(store::Store& store, ca::ScepAuthority& authority) {
  auto endpoints = store.list_endpoints();
  if (!endpoints) return fail(ErrorCategory::unavailable, "database unreachable");
  for (const auto& endpoint : *endpoints) {
    if (!endpoint.enabled) continue;
    if (!authority.endpoint(endpoint.uri_extension)) {
      return fail(ErrorCategory::unavailable, "endpoint " + endpoint.uri_extension + " not loaded");
    }
  }
  return {};
}

Result<http::TlsIdentity> tls_identity(const ServeConfig& config, admin::Workspace& workspace) {
  if (!config.tls_certificate.empty()) {
    return load_tls_identity(config.tls_certificate, config.tls_private_key);
  }
  return generated_tls_identity(workspace,
                                server_names(config.http.tls_listen, workspace.public_base_url()));
}

void register_pending_gauge(http::MetricsRegistry& registry, store::Store& store) {
  registry.gauge("scepter_pending_requests", "Enrollment requests waiting for approval.",
                 [&store]() -> std::optional<double> {
                   auto pending = store.list_pending(std::nullopt);
                   if (!pending) return std::nullopt;
                   return static_cast<double>(pending->size());
                 });
}

}  // namespace

int serve(const ServeConfig& config) {
  log::configure(config.log_format, config.log_level);
  crypto::configure_pkcs11(config.pkcs11);
  auto workspace = admin::Workspace::open(
      config.data_dir, true,
      {.location = config.database, .migrate_postgres = config.migrate_on_start});
  if (!workspace) return failed("cannot open the data directory or database", workspace.error());
  auto& ws = **workspace;

  if (!config.public_url.empty() && config.public_url != ws.public_base_url()) {
    if (auto set = ws.set_public_base_url(config.public_url); !set) {
      return failed("bad public URL", set.error());
    }
  }
  auto demo = initialize_demo_if_empty(ws);
  if (!demo) return failed("cannot initialize", demo.error());

  auto server_options = config.http;
  if (!server_options.tls_listen.empty()) {
    auto identity = tls_identity(config, ws);
    if (!identity) return failed("cannot set up TLS", identity.error());
    server_options.tls = std::move(*identity);
  }

  intune::Gateway intune_gateway(ws.store(),
                                 [&ws](const store::AzureAccount& account) {
                                   return ws.secrets().open(account.client_secret_encrypted,
                                                            admin::kAzureClientSecretPurpose);
                                 },
                                 {.https = {.timeout = config.intune.timeout}});
  ca::ScepAuthority authority(ws.store(), ws.pki(), ws.vault(), ws.access_codes(), {},
                              &intune_gateway);
  intune::RevocationPoller revocation_poller(ws.store(), ws.pki(), intune_gateway, ws.clock(),
                                             {.interval = config.intune.revocation_interval});
  scep::Engine engine(authority, ws.clock());
  http::MetricsRegistry metrics;
  http::ScepMetrics scep_metrics(metrics);
  register_pending_gauge(metrics, ws.store());

  http::Router router;
  http::add_scep_routes(router, engine, &scep_metrics);
  http::add_crl_routes(router, [&ws](long long ca_id) -> Result<Bytes> {
    SCEPTER_TRY(auto crl, ws.pki().current_crl(ca_id));
    return crl.der();
  });
  http::add_health_routes(router, [&ws, &authority] { return check_ready(ws.store(), authority); });
  http::add_metrics_route(router, metrics);
  http::add_rest_routes(router, {.workspace = ws});
  http::add_console_routes(router, {.public_base_url = [&ws] { return ws.public_base_url(); }});
  // Administration only over TLS (router.hpp): the REST API and the console.
  router.require_tls("/api");
  router.require_tls("/console");
  router.allow_plain_loopback(config.admin_on_plain_loopback);

  http::Server server(std::move(server_options), std::move(router));
  // Before any server thread exists, so that every thread inherits the blocked signal mask.
  ShutdownSignal shutdown([&server] {
    log::info("shutting down", {{"reason", "signal"}});
    server.stop();
  });
  if (auto started = server.start(); !started) return failed("cannot listen", started.error());
  // Requests are served from run() on: the address is settled before the first one.
  if (config.public_url.empty() && !ws.public_base_url_configured()) {
    const auto url = derived_public_url(config.http, server);
    if (!url.empty()) {
      if (auto derived = ws.set_derived_public_base_url(url); !derived) {
        return failed("bad public URL", derived.error());
      }
    }
  }
  if (*demo) print_demo(ws, **demo);
  log::info("listening", {{"http", config.http.listen},
                          {"http_port", std::to_string(server.port())},
                          {"https", config.http.tls_listen},
                          {"https_port", std::to_string(server.tls_port())},
                          {"public_url", ws.public_base_url()}});
  revocation_poller.start();
  server.run();
  revocation_poller.stop();
  log::info("stopped");
  return 0;
}

}  // namespace scepter::app
