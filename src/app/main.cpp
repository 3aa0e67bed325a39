// The `scepter` command: `serve`, `init` and `migrate` here, the administration verbs from cli/.

#include <iostream>

#include "app/config.hpp"
#include "app/init_command.hpp"
#include "app/migrate_command.hpp"
#include "app/serve.hpp"
#include "cli/cli.hpp"

namespace {

using scepter::app::Bounds;

CLI::Range range(Bounds bounds) {
  return CLI::Range(bounds.min, bounds.max);
}

// Flags left out keep the value of the config file, or the default (README.md, Configuration).
void register_serve_command(CLI::App& app, scepter::app::ServeFlags& flags, bool& chosen) {
  auto* serve =
      app.add_subcommand("serve", "Serve SCEP (initializing a demo set-up on an empty DIR)");
  serve->add_option("--config", flags.config_file, "TOML configuration file");
  serve->add_option("--data", flags.data_dir, "Data directory [./scepter-data]");
  serve
      ->add_option("--database", flags.database,
                   "SQLite path or postgresql:// URI [DATA/scepter.db]")
      ->envname("SCEPTER_DATABASE");
  serve->add_option("--listen", flags.http_listen,
                    "Plain HTTP HOST:PORT, \"\" for none [127.0.0.1:8080]");
  serve->add_option("--https-listen", flags.https_listen,
                    "HTTPS HOST:PORT, \"\" for none [127.0.0.1:8443]");
  serve->add_option("--tls-cert", flags.tls_certificate,
                    "PEM certificate chain for HTTPS [generated from the embedded CA]");
  serve->add_option("--tls-key", flags.tls_private_key, "PEM private key of --tls-cert");
  serve->add_option("--public-url", flags.public_url, "Base URL clients reach the server by");
  serve
      ->add_option("--threads", flags.threads,
                   "Connection threads, and as many admin handler threads; 0: one per core [0]")
      ->check(range(scepter::app::kThreadBounds));
  serve
      ->add_option("--remote-wait-threads", flags.remote_wait_threads,
                   "Threads for enrollments that wait on Intune; 0: eight per core [0]")
      ->check(range(scepter::app::kThreadBounds));
  serve->add_option("--max-body", flags.max_body_bytes, "Largest request body in bytes [262144]")
      ->check(range(scepter::app::kMaxBodyBounds));
  serve->add_option("--log-format", flags.log_format, "text or json [text]")
      ->check(CLI::IsMember({"text", "json"}));
  serve->add_option("--log-level", flags.log_level, "debug, info, warn or error [info]")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}));
  serve->callback([&chosen] { chosen = true; });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("scepter: a SCEP (RFC 8894) certificate enrollment server", "scepter");
  app.require_subcommand(1);
  scepter::cli::Console console{std::cout, std::cerr};
  scepter::app::ServeFlags serve_flags;
  bool serve_chosen = false;
  register_serve_command(app, serve_flags, serve_chosen);
  scepter::app::register_init_command(app, console);
  scepter::app::register_migrate_command(app, console);
  scepter::cli::register_admin_commands(app, console);
  int code = scepter::cli::run(app, argc, argv, console);
  if (code != 0 || !serve_chosen) return code;
  auto config = scepter::app::resolve_serve_config(serve_flags);
  if (!config) {
    std::cerr << "error: " << config.error() << "\n";
    return 1;
  }
  return scepter::app::serve(*config);
}
