#include "admin/certificates.hpp"
#include "admin/json.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"
#include "core/codec.hpp"

namespace scepter::cli {
namespace {

void register_list(CLI::App& group, Console& console) {
  struct Options {
    Optional<std::string> endpoint, account, status, subject;
    int limit = 100;
    int offset = 0;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(group, "list", "List issued certificates", console, [options](Context& context) {
        const admin::CertificateQuery query{.endpoint = options->endpoint.get(),
                                            .account = options->account.get(),
                                            .status = options->status.get(),
                                            .subject_contains = options->subject.get(),
                                            .limit = options->limit,
                                            .offset = options->offset};
        const std::vector<std::string> columns = {"serial",  "endpoint",  "account",
                                                  "subject", "not_after", "status"};
        if (auto* api = context.remote()) {
          std::string path = "/certificates?limit=" + std::to_string(query.limit) +
                             "&offset=" + std::to_string(query.offset);
          auto add = [&](const char* name, const std::optional<std::string>& value) {
            if (value) path += std::string("&") + name + "=" + url_encode(*value);
          };
          add("endpoint", query.endpoint);
          add("account", query.account);
          add("status", query.status);
          add("subject", query.subject_contains);
          context.print_table(context.unwrap(api->get(path)).at("items"), columns);
          return;
        }
        admin::Certificates certificates(context.workspace(), context.actor());
        context.print_table(admin::to_json(context.unwrap(certificates.list(query))), columns);
      });
  add_optional(*command, "--endpoint", options->endpoint, "URI extension");
  add_optional(*command, "--account", options->account, "account name (with --endpoint)");
  add_optional(*command, "--status", options->status, "valid or revoked");
  add_optional(*command, "--subject", options->subject, "subject contains this text");
  command->add_option("--limit", options->limit, "at most this many")->capture_default_str();
  command->add_option("--offset", options->offset, "skip this many")->capture_default_str();
}

void register_show(CLI::App& group, Console& console) {
  auto serial = std::make_shared<std::string>();
  add_command(
      group, "show", "Show a certificate", console,
      [serial](Context& context) {
        if (auto* api = context.remote()) {
          context.print_object(context.unwrap(api->get("/certificates/" + url_encode(*serial))));
          return;
        }
        admin::Certificates certificates(context.workspace(), context.actor());
        context.print_object(admin::to_json(context.unwrap(certificates.show(*serial))));
      })
      ->add_option("--serial", *serial, "serial number in hex")
      ->required();
}

void register_revoke(CLI::App& group, Console& console) {
  struct Options {
    std::string serial;
    std::string reason;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_command(
      group, "revoke", "Revoke a certificate and publish a new CRL", console,
      [options](Context& context) {
        if (auto* api = context.remote()) {
          context.print_object(context.unwrap(
              api->send("POST", "/certificates/" + url_encode(options->serial) + "/revoke",
                        {{"reason", options->reason}})));
          return;
        }
        admin::Certificates certificates(context.workspace(), context.actor());
        context.print_object(
            admin::to_json(context.unwrap(certificates.revoke(options->serial, options->reason))));
      });
  command->add_option("--serial", options->serial, "serial number in hex")->required();
  command->add_option("--reason", options->reason,
                      "RFC 5280 reason: unspecified, keyCompromise, affiliationChanged, "
                      "superseded, cessationOfOperation, ...");
}

// RFC 5280 5.3.1: certificateHold is the one reversible revocation reason.
void register_release(CLI::App& group, Console& console) {
  auto serial = std::make_shared<std::string>();
  add_command(
      group, "release", "Release a certificate from hold (certificateHold) and publish a new CRL",
      console,
      [serial](Context& context) {
        if (auto* api = context.remote()) {
          context.print_object(context.unwrap(
              api->send("POST", "/certificates/" + url_encode(*serial) + "/release")));
          return;
        }
        admin::Certificates certificates(context.workspace(), context.actor());
        context.print_object(admin::to_json(context.unwrap(certificates.release_hold(*serial))));
      })
      ->add_option("--serial", *serial, "serial number in hex")
      ->required();
}

}  // namespace

void register_cert_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "cert", "Issued certificates");
  register_list(*group, console);
  register_show(*group, console);
  register_revoke(*group, console);
  register_release(*group, console);
}

}  // namespace scepter::cli
