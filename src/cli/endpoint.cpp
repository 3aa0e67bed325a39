#include "admin/delegations.hpp"
#include "admin/endpoints.hpp"
#include "admin/json.hpp"
#include "cli/command.hpp"
#include "cli/delegation_verbs.hpp"
#include "cli/verbs.hpp"
#include "core/codec.hpp"

namespace scepter::cli {
namespace {

const std::vector<std::string> kListColumns = {
    "uri_extension", "name", "type", "cert_type", "ra", "enabled", "scep_url"};

std::string endpoint_path(const std::string& uri_extension) {
  return "/endpoints/" + url_encode(uri_extension);
}

void register_add(CLI::App& group, Console& console) {
  struct Options {
    admin::EndpointInput input;
    bool disabled = false;
    Optional<std::string> ra;
    Optional<std::string> organization;
    Optional<std::string> department;
    Optional<std::string> profile;
    Optional<int> term_days;
    Optional<std::string> azure_account;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(group, "add", "Add a SCEP endpoint", console, [options](Context& context) {
        admin::EndpointInput input = options->input;
        input.enabled = !options->disabled;
        input.ra = options->ra.get();
        input.organization = options->organization.get();
        input.department = options->department.get();
        input.profile = options->profile.get();
        input.term_days = options->term_days.get();
        input.azure_account = options->azure_account.get();
        if (auto* api = context.remote()) {
          const auto body = without_nulls({{"name", input.name},
                                           {"uri_extension", input.uri_extension},
                                           {"type", input.type},
                                           {"cert_type", input.cert_type},
                                           {"ra", optional_json(input.ra)},
                                           {"getcacert_format", input.getcacert_format},
                                           {"getcert_format", input.getcert_format},
                                           {"enabled", input.enabled},
                                           {"organization", optional_json(input.organization)},
                                           {"department", optional_json(input.department)},
                                           {"profile", optional_json(input.profile)},
                                           {"term_days", optional_json(input.term_days)},
                                           {"azure_account", optional_json(input.azure_account)}});
          context.print_object(context.unwrap(api->send("POST", "/endpoints", body)));
          return;
        }
        admin::Endpoints endpoints(context.workspace(), context.actor());
        context.print_object(admin::to_json(context.unwrap(endpoints.add(input))));
      });
  auto& input = options->input;
  command->add_option("--name", input.name, "display name")->required();
  command->add_option("--uri-extension", input.uri_extension, "path segment of the SCEP URL")
      ->required();
  command->add_option("--type", input.type, "scep or intune")->capture_default_str();
  command->add_option("--cert-type", input.cert_type, "client or device")->required();
  add_optional(*command, "--ra", options->ra, "RA certificate name (default: the first one)");
  command
      ->add_option("--getcacert-format", input.getcacert_format,
                   "single-pem, single-der or chain-cms")
      ->capture_default_str();
  command->add_option("--getcert-format", input.getcert_format, "single or full-chain")
      ->capture_default_str();
  command->add_flag("--disabled", options->disabled, "create it disabled");
  add_optional(*command, "--org", options->organization, "organization (Intune)");
  add_optional(*command, "--department", options->department, "department (Intune)");
  add_optional(*command, "--profile", options->profile, "certificate profile (Intune)");
  add_optional(*command, "--term", options->term_days, "validity in days (Intune)");
  add_optional(*command, "--azure-account", options->azure_account,
               "the Azure account Intune is asked through (Intune)");
}

void register_list(CLI::App& group, Console& console) {
  add_command(group, "list", "List endpoints", console, [](Context& context) {
    if (auto* api = context.remote()) {
      context.print_table(context.unwrap(api->list_all("/endpoints")), kListColumns);
      return;
    }
    admin::Endpoints endpoints(context.workspace(), context.actor());
    context.print_table(admin::to_json(context.unwrap(endpoints.list())), kListColumns);
  });
}

void register_show(CLI::App& group, Console& console) {
  auto endpoint = std::make_shared<std::string>();
  add_command(group, "show", "Show an endpoint", console,
              [endpoint](Context& context) {
                if (auto* api = context.remote()) {
                  context.print_object(context.unwrap(api->get(endpoint_path(*endpoint))));
                  return;
                }
                admin::Endpoints endpoints(context.workspace(), context.actor());
                context.print_object(admin::to_json(context.unwrap(endpoints.show(*endpoint))));
              })
      ->add_option("--endpoint,--uri-extension", *endpoint, "URI extension")
      ->required();
}

void register_edit(CLI::App& group, Console& console) {
  struct Options {
    std::string endpoint;
    Optional<std::string> name, uri_extension, ra, getcacert_format, getcert_format, profile;
    Optional<bool> enabled;
    Optional<int> term_days;
    Optional<std::string> type, cert_type, organization, department, azure_account;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(group, "edit", "Change an endpoint", console, [options](Context& context) {
        const Options& o = *options;
        admin::EndpointChanges changes{.name = o.name.get(),
                                       .uri_extension = o.uri_extension.get(),
                                       .ra = o.ra.get(),
                                       .getcacert_format = o.getcacert_format.get(),
                                       .getcert_format = o.getcert_format.get(),
                                       .enabled = o.enabled.get(),
                                       .profile = o.profile.get(),
                                       .term_days = o.term_days.get(),
                                       .azure_account = o.azure_account.get(),
                                       .type = o.type.get(),
                                       .cert_type = o.cert_type.get(),
                                       .organization = o.organization.get(),
                                       .department = o.department.get()};
        if (auto* api = context.remote()) {
          const auto body =
              without_nulls({{"name", optional_json(changes.name)},
                             {"uri_extension", optional_json(changes.uri_extension)},
                             {"ra", optional_json(changes.ra)},
                             {"getcacert_format", optional_json(changes.getcacert_format)},
                             {"getcert_format", optional_json(changes.getcert_format)},
                             {"enabled", optional_json(changes.enabled)},
                             {"profile", optional_json(changes.profile)},
                             {"term_days", optional_json(changes.term_days)},
                             {"azure_account", optional_json(changes.azure_account)},
                             {"type", optional_json(changes.type)},
                             {"cert_type", optional_json(changes.cert_type)},
                             {"organization", optional_json(changes.organization)},
                             {"department", optional_json(changes.department)}});
          context.print_object(context.unwrap(api->send("PATCH", endpoint_path(o.endpoint), body)));
          return;
        }
        admin::Endpoints endpoints(context.workspace(), context.actor());
        context.print_object(admin::to_json(context.unwrap(endpoints.edit(o.endpoint, changes))));
      });
  Options& o = *options;
  command->add_option("--endpoint", o.endpoint, "URI extension of the endpoint to change")
      ->required();
  add_optional(*command, "--name", o.name, "new display name");
  add_optional(*command, "--uri-extension", o.uri_extension, "new URI extension");
  add_optional(*command, "--ra", o.ra, "RA certificate name");
  add_optional(*command, "--getcacert-format", o.getcacert_format,
               "single-pem, single-der or chain-cms");
  add_optional(*command, "--getcert-format", o.getcert_format, "single or full-chain");
  add_optional(*command, "--enabled", o.enabled, "true or false");
  add_optional(*command, "--profile", o.profile, "certificate profile (Intune)");
  add_optional(*command, "--term", o.term_days, "validity in days (Intune)");
  add_optional(*command, "--azure-account", o.azure_account, "Azure account (Intune)");
  add_optional(*command, "--type", o.type, "fixed at creation");
  add_optional(*command, "--cert-type", o.cert_type, "fixed at creation");
  add_optional(*command, "--org", o.organization, "fixed at creation");
  add_optional(*command, "--department", o.department, "fixed at creation");
}

void register_delete(CLI::App& group, Console& console) {
  struct Options {
    std::string endpoint;
    bool force = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(group, "delete", "Delete an endpoint", console, [options](Context& context) {
        if (auto* api = context.remote()) {
          context.unwrap(api->send(
              "DELETE", endpoint_path(options->endpoint) + (options->force ? "?force=true" : "")));
        } else {
          admin::Endpoints endpoints(context.workspace(), context.actor());
          context.check(endpoints.remove(options->endpoint, options->force));
        }
        context.print_done({{"deleted", options->endpoint}},
                           "deleted endpoint " + options->endpoint);
      });
  command->add_option("--endpoint,--uri-extension", options->endpoint, "URI extension")->required();
  command->add_flag("--force", options->force,
                    "also delete its accounts; its certificates stay for revocation");
}

}  // namespace

void register_endpoint_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "endpoint", "SCEP endpoints");
  register_add(*group, console);
  register_list(*group, console);
  register_show(*group, console);
  register_edit(*group, console);
  register_delete(*group, console);
  register_delegation_verbs(
      *group, console,
      {.noun = "an endpoint",
       .name_option = "--endpoint,--uri-extension",
       .name_help = "URI extension",
       .rest_path = endpoint_path,
       .show_local =
           [](Context& context, const std::string& endpoint) {
             admin::Delegations delegations(context.workspace(), context.actor());
             return admin::to_json(context.unwrap(delegations.show(endpoint)));
           },
       .set_local =
           [](Context& context, const std::string& endpoint, const std::string& mode,
              const std::vector<admin::DelegationTarget>& targets) {
             admin::Delegations delegations(context.workspace(), context.actor());
             return admin::to_json(context.unwrap(delegations.set(endpoint, mode, targets)));
           }});
}

}  // namespace scepter::cli
