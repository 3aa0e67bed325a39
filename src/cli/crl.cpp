#include "admin/ca_admin.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"

namespace scepter::cli {

void register_crl_command(CLI::App& app, Console& console) {
  struct Options {
    bool der = false;
    Optional<std::string> out;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_command(
      app, "crl", "Write the issuing CA's current CRL", console, [options](Context& context) {
        if (auto* api = context.remote()) {
          context.print_document(context.unwrap(api->download(std::string("/crl?format=") +
                                                              (options->der ? "der" : "pem"))),
                                 options->der, options->out.get());
          return;
        }
        admin::CaAdmin ca(context.workspace(), context.actor());
        const auto encoding = options->der ? admin::Encoding::der : admin::Encoding::pem;
        context.print_document(context.unwrap(ca.crl(encoding)), options->der, options->out.get());
      });
  command->add_flag("--der", options->der, "DER instead of PEM");
  add_optional(*command, "--out", options->out, "file to write (default: standard output)");
}

}  // namespace scepter::cli
