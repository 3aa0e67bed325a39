#include "admin/json.hpp"
#include "admin/profiles.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"
#include "core/codec.hpp"

namespace scepter::cli {
namespace {

std::string profile_path(const std::string& name) {
  return "/profiles/" + url_encode(name);
}

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
                  context.print_object(context.unwrap(api->get(profile_path(*name))));
                  return;
                }
                admin::Profiles profiles(context.workspace(), context.actor());
                context.print_object(admin::to_json(context.unwrap(profiles.show(*name))));
              })
      ->add_option("--name", *name, "profile name")
      ->required();
}

void register_edit(CLI::App& group, Console& console) {
  struct Options {
    std::string name;
    Optional<std::string> new_name, cert_type;
    Optional<std::vector<std::string>> key_types, key_usage, extended_key_usage, san_types,
        subject_attributes;
    Optional<int> min_rsa_bits, min_ec_bits;
    Optional<std::vector<int>> terms_days;
    Optional<bool> requires_approval;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_command(
      group, "edit",
      "Change a certificate profile (MRAO); options left out stay as they are, and terms or "
      "approval its accounts and Intune endpoints depend on are kept",
      console, [options](Context& context) {
        const Options& o = *options;
        const admin::ProfileChanges changes{.name = o.new_name.get(),
                                            .cert_type = o.cert_type.get(),
                                            .key_types = o.key_types.get(),
                                            .min_rsa_bits = o.min_rsa_bits.get(),
                                            .min_ec_bits = o.min_ec_bits.get(),
                                            .terms_days = o.terms_days.get(),
                                            .key_usage = o.key_usage.get(),
                                            .extended_key_usage = o.extended_key_usage.get(),
                                            .san_types = o.san_types.get(),
                                            .subject_attributes = o.subject_attributes.get(),
                                            .requires_approval = o.requires_approval.get()};
        if (auto* api = context.remote()) {
          const auto body =
              without_nulls({{"name", optional_json(changes.name)},
                             {"cert_type", optional_json(changes.cert_type)},
                             {"key_types", optional_json(changes.key_types)},
                             {"min_rsa_bits", optional_json(changes.min_rsa_bits)},
                             {"min_ec_bits", optional_json(changes.min_ec_bits)},
                             {"terms_days", optional_json(changes.terms_days)},
                             {"key_usage", optional_json(changes.key_usage)},
                             {"extended_key_usage", optional_json(changes.extended_key_usage)},
                             {"san_types", optional_json(changes.san_types)},
                             {"subject_attributes", optional_json(changes.subject_attributes)},
                             {"requires_approval", optional_json(changes.requires_approval)}});
          context.print_object(context.unwrap(api->send("PATCH", profile_path(o.name), body)));
          return;
        }
        admin::Profiles profiles(context.workspace(), context.actor());
        context.print_object(admin::to_json(context.unwrap(profiles.update(o.name, changes))));
      });
  Options& o = *options;
  command->add_option("--name", o.name, "the profile to change")->required();
  add_optional(*command, "--new-name", o.new_name, "rename it");
  add_optional(*command, "--cert-type", o.cert_type, "fixed at creation");
  add_optional(*command, "--key-types", o.key_types, "allowed key types: rsa, ec")->delimiter(',');
  add_optional(*command, "--min-rsa-bits", o.min_rsa_bits, "smallest RSA modulus accepted");
  add_optional(*command, "--min-ec-bits", o.min_ec_bits, "smallest EC curve accepted");
  add_optional(*command, "--terms", o.terms_days, "allowed validity periods in days")
      ->delimiter(',');
  add_optional(*command, "--key-usage", o.key_usage, "e.g. digitalSignature,keyEncipherment")
      ->delimiter(',');
  add_optional(*command, "--eku", o.extended_key_usage,
               "extended key usages by name or OID, e.g. clientAuth")
      ->delimiter(',');
  add_optional(*command, "--san-types", o.san_types, "SAN types allowed: dns, email, uri, ip, upn")
      ->delimiter(',');
  add_optional(*command, "--subject-attributes", o.subject_attributes,
               "subject attributes kept from the request")
      ->delimiter(',');
  add_optional(*command, "--requires-approval", o.requires_approval,
               "true or false: hold requests until an administrator approves them");
}

void register_delete(CLI::App& group, Console& console) {
  auto name = std::make_shared<std::string>();
  add_command(group, "delete", "Delete a certificate profile no account or endpoint uses (MRAO)",
              console,
              [name](Context& context) {
                if (auto* api = context.remote()) {
                  context.unwrap(api->send("DELETE", profile_path(*name)));
                } else {
                  admin::Profiles profiles(context.workspace(), context.actor());
                  context.check(profiles.remove(*name));
                }
                context.print_done({{"deleted", *name}}, "deleted certificate profile " + *name);
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
  register_edit(*group, console);
  register_delete(*group, console);
}

}  // namespace scepter::cli
