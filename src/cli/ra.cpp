#include "admin/ra.hpp"

#include "admin/json.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"
#include "core/codec.hpp"

namespace scepter::cli {
namespace {

void register_add(CLI::App& group, Console& console) {
  struct Options {
    std::string name;
    std::string key = "rsa2048";
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_command(
      group, "add", "Issue an RA certificate from the issuing CA", console,
      [options](Context& context) {
        if (auto* api = context.remote()) {
          context.print_object(context.unwrap(api->send(
              "POST", "/ra-certificates", {{"name", options->name}, {"key", options->key}})));
          return;
        }
        admin::RaCertificates ras(context.workspace(), context.actor());
        context.print_object(admin::to_json(context.unwrap(ras.add(options->name, options->key))));
      });
  command->add_option("--name", options->name, "RA certificate name")->required();
  command->add_option("--key", options->key, "rsa2048, rsa3072 or rsa4096")->capture_default_str();
}

void register_list(CLI::App& group, Console& console) {
  add_command(group, "list", "List RA certificates", console, [](Context& context) {
    const std::vector<std::string> columns = {"name", "subject", "not_after", "fingerprint"};
    if (auto* api = context.remote()) {
      context.print_table(context.unwrap(api->list_all("/ra-certificates")), columns);
      return;
    }
    admin::RaCertificates ras(context.workspace(), context.actor());
    context.print_table(admin::to_json(context.unwrap(ras.list())), columns);
  });
}

void register_export(CLI::App& group, Console& console) {
  struct Options {
    std::string name;
    bool der = false;
    Optional<std::string> out;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_command(
      group, "export", "Write an RA certificate in PEM or DER", console,
      [options](Context& context) {
        if (auto* api = context.remote()) {
          context.print_document(context.unwrap(api->download(
                                     "/ra-certificates/" + url_encode(options->name) +
                                     "/certificate?format=" + (options->der ? "der" : "pem"))),
                                 options->der, options->out.get());
          return;
        }
        admin::RaCertificates ras(context.workspace(), context.actor());
        const auto encoding = options->der ? admin::Encoding::der : admin::Encoding::pem;
        context.print_document(context.unwrap(ras.export_certificate(options->name, encoding)),
                               options->der, options->out.get());
      });
  command->add_option("--name", options->name, "RA certificate name")->required();
  command->add_flag("--der", options->der, "DER instead of PEM");
  add_optional(*command, "--out", options->out, "file to write (default: standard output)");
}

}  // namespace

void register_ra_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "ra", "RA certificates");
  register_add(*group, console);
  register_list(*group, console);
  register_export(*group, console);
}

}  // namespace scepter::cli
