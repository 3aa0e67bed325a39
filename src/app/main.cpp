// The `scepter` command: `serve` and `init` here, the administration verbs from cli/.

#include <iostream>

#include "app/init_command.hpp"
#include "app/serve.hpp"
#include "cli/cli.hpp"

namespace {

void register_serve_command(CLI::App& app, scepter::app::ServeOptions& options, bool& chosen) {
  auto* serve =
      app.add_subcommand("serve", "Serve SCEP (initializing a demo set-up on an empty DIR)");
  serve->add_option("--data", options.data_dir, "Data directory")->capture_default_str();
  serve->add_option("--listen", options.http.listen, "HOST:PORT to listen on")
      ->capture_default_str();
  serve->add_option("--public-url", options.public_url, "Base URL clients reach the server by");
  serve->add_option("--threads", options.http.threads, "Handler threads (0: one per core)")
      ->capture_default_str();
  serve->add_option("--max-body", options.http.max_body_bytes, "Largest request body in bytes")
      ->capture_default_str();
  serve->add_option("--log-format", options.log_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  serve->callback([&chosen] { chosen = true; });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("scepter: a SCEP (RFC 8894) certificate enrollment server", "scepter");
  app.require_subcommand(1);
  scepter::cli::Console console{std::cout, std::cerr};
  scepter::app::ServeOptions serve_options;
  bool serve_chosen = false;
  register_serve_command(app, serve_options, serve_chosen);
  scepter::app::register_init_command(app, console);
  scepter::cli::register_admin_commands(app, console);
  int code = scepter::cli::run(app, argc, argv, console);
  if (code != 0 || !serve_chosen) return code;
  return scepter::app::serve(serve_options);
}
