#include "admin/json.hpp"
#include "admin/profiles.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"
#include "core/codec.hpp"

namespace scepter::cli {
namespace {

void register_add(CLI::App& group, Console& console) {
  struct Options {
    admin::ProfileInput input;
    Optional<std::vector<std::string>> key_usage;
    Optional<std::vector<std::string>> extended_key_usage;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(group, "add", "Add a certificate profile", console, [options](Context& context) {
        admin::ProfileInput input = options->input;
        input.key_usage = options->key_usage.get();
        input.extended_key_usage = options->extended_key_usage.get();
        if (auto* api = context.remote()) {
          const auto body =
              without_nulls({{"name", input.name},
                             {"cert_type", input.cert_type},
                             {"key_types", input.key_types},
                             {"min_rsa_bits", input.min_rsa_bits},
                             {"min_ec_bits", input.min_ec_bits},
                             {"terms_days", input.terms_days},
                             {"key_usage", optional_json(input.key_usage)},
                             {"extended_key_usage", optional_json(input.extended_key_usage)},
                             {"san_types", input.san_types},
                             {"subject_attributes", input.subject_attributes},
                             {"requires_approval", input.requires_approval}});
          context.print_object(context.unwrap(api->send("POST", "/profiles", body)));
          return;
        }
        admin::Profiles profiles(context.workspace(), context.actor());
        context.print_object(admin::to_json(context.unwrap(profiles.add(input))));
      });
  auto& input = options->input;
  command->add_option("--name", input.name, "profile name")->required();
  command->add_option("--cert-type", input.cert_type, "client or device")
      ->required()
      ->check(CLI::IsMember({"client", "device"}));
  command->add_option("--key-types", input.key_types, "allowed key types: rsa, ec")
      ->delimiter(',')
      ->capture_default_str();
  command->add_option("--min-rsa-bits", input.min_rsa_bits, "smallest RSA modulus accepted")
      ->capture_default_str();
  command->add_option("--min-ec-bits", input.min_ec_bits, "smallest EC curve accepted")
      ->capture_default_str();
  command->add_option("--terms", input.terms_days, "allowed validity periods in days")
      ->delimiter(',')
      ->capture_default_str();
  add_optional(*command, "--key-usage", options->key_usage,
               "e.g. digitalSignature,keyEncipherment (default: by certificate type)")
      ->delimiter(',');
  add_optional(*command, "--eku", options->extended_key_usage,
               "extended key usages by name or OID, e.g. clientAuth (default: by certificate type)")
      ->delimiter(',');
  command->add_option("--san-types", input.san_types, "SAN types allowed: dns, email, uri, ip, upn")
      ->delimiter(',')
      ->capture_default_str();
  command
      ->add_option("--subject-attributes", input.subject_attributes,
                   "subject attributes kept from the request")
      ->delimiter(',')
      ->capture_default_str();
  command->add_flag("--requires-approval", input.requires_approval,
                    "hold requests until an administrator approves them");
}

void register_list(CLI::App& group, Console& console) {
  add_command(group, "list", "List certificate profiles", console, [](Context& context) {
    const std::vector<std::string> columns = {"name", "cert_type", "key_types", "terms_days",
                                              "requires_approval"};
    if (auto* api = context.remote()) {
      context.print_table(context.unwrap(api->list_all("/profiles")), columns);
      return;
    }
    admin::Profiles profiles(context.workspace(), context.actor());
    context.print_table(admin::to_json(context.unwrap(profiles.list())), columns);
  });
}

void register_show(CLI::App& group, Console& console) {
  auto name = std::make_shared<std::string>();
  add_command(group, "show", "Show a certificate profile", console,
              [name](Context& context) {
                if (auto* api = context.remote()) {
                  context.print_object(context.unwrap(api->get("/profiles/" + url_encode(*name))));
                  return;
                }
                admin::Profiles profiles(context.workspace(), context.actor());
                context.print_object(admin::to_json(context.unwrap(profiles.show(*name))));
              })
      ->add_option("--name", *name, "profile name")
      ->required();
}

}  // namespace

void register_profile_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "profile", "Certificate profiles");
  register_add(*group, console);
  register_list(*group, console);
  register_show(*group, console);
}

}  // namespace scepter::cli
