#include "app/init_command.hpp"

#include <nlohmann/json.hpp>

#include "admin/init.hpp"
#include "admin/workspace.hpp"
#include "crypto/pkcs11_key.hpp"

namespace scepter::app {
namespace {

struct InitArguments {
  std::string data_dir = "./scepter-data";
  std::string database;
  bool demo = false;
  bool json = false;
  std::string ca_key = "rsa2048";
  std::string ra_key = "rsa2048";
  std::string public_url;
  std::string pkcs11_token_uri;
  crypto::Pkcs11Settings pkcs11;
};

Status run_init(const InitArguments& args, cli::Console& console) {
  SCEPTER_TRY(auto ca_key, crypto::KeySpec::parse(args.ca_key));
  SCEPTER_TRY(auto ra_key, crypto::KeySpec::parse(args.ra_key));
  crypto::configure_pkcs11(args.pkcs11);
  SCEPTER_TRY(auto workspace,
              admin::Workspace::open(args.data_dir, true,
                                     {.location = args.database, .migrate_postgres = true}));
  SCEPTER_TRY(auto result, admin::initialize(*workspace,
                                             {.demo = args.demo,
                                              .ca_key = ca_key,
                                              .ra_key = ra_key,
                                              .public_base_url = args.public_url,
                                              .key_token_uri = args.pkcs11_token_uri},
                                             {"cli", "local", admin::local_mrao("cli")}));
  if (args.json) {
    nlohmann::json out{{"ca_certificate", result.ca_certificate_path},
                       {"ca_chain", result.chain_path}};
    out["scep_url"] = result.scep_url.empty() ? nlohmann::json() : nlohmann::json(result.scep_url);
    out["access_code"] =
        result.access_code.empty() ? nlohmann::json() : nlohmann::json(result.access_code);
    out["key_storage"] = args.pkcs11_token_uri.empty() ? "file" : "pkcs11";
    console.out << out.dump(2) << "\n";
  } else {
    console.out << "Initialized " << args.data_dir << "\n"
                << "  root CA:      " << result.ca_certificate_path << "\n"
                << "  CA chain:     " << result.chain_path << "\n";
    if (!args.pkcs11_token_uri.empty()) {
      console.out << "  keys:         generated in PKCS#11 token " << args.pkcs11_token_uri << "\n";
    }
    if (!result.scep_url.empty()) {
      console.out << "  SCEP URL:     " << result.scep_url << "\n"
                  << "  access code:  " << result.access_code << "   (shown once)\n";
    }
  }
  return {};
}

}  // namespace

void register_init_command(CLI::App& app, cli::Console& console) {
  auto args = std::make_shared<InitArguments>();
  auto* init =
      app.add_subcommand("init", "Create the CA hierarchy (and with --demo a ready endpoint)");
  init->add_option("--data", args->data_dir, "Data directory")->capture_default_str();
  init->add_option("--database", args->database,
                   "SQLite path or postgresql:// URI, migrated first [DATA/scepter.db]")
      ->envname("SCEPTER_DATABASE");
  init->add_flag("--demo", args->demo, "Also create a demo organization, endpoint and account");
  init->add_flag("--json", args->json, "Print the result as JSON");
  init->add_option("--ca-key", args->ca_key, "CA key: rsa2048|rsa3072|rsa4096|ec-p256|ec-p384")
      ->capture_default_str();
  init->add_option("--ra-key", args->ra_key, "RA key: rsa2048|rsa3072|rsa4096")
      ->capture_default_str();
  init->add_option("--public-url", args->public_url,
                   "Base URL clients reach the server by (default http://127.0.0.1:8080)");
  auto* token = init->add_option("--pkcs11-token-uri", args->pkcs11_token_uri,
                                 "Generate the CA and RA keys in this PKCS#11 token "
                                 "(pkcs11:token=LABEL); the PIN comes from --pkcs11-pin-env");
  init->add_option("--pkcs11-module", args->pkcs11.module_path,
                   "PKCS#11 module of the token, e.g. /usr/lib/softhsm/libsofthsm2.so")
      ->needs(token);
  init->add_option("--pkcs11-pin-env", args->pkcs11.pin_env,
                   "Environment variable holding the token's user PIN")
      ->capture_default_str()
      ->needs(token);
  init->callback([args, &console] {
    if (auto done = run_init(*args, console); !done) {
      console.err << "error: " << done.error().client_text;
      if (!done.error().field.empty()) console.err << " (field: " << done.error().field << ")";
      console.err << "\n";
      throw CLI::RuntimeError(1);
    }
  });
}

}  // namespace scepter::app
