#include "admin/azure_accounts.hpp"
#include "admin/json.hpp"
#include "cli/command.hpp"
#include "cli/delegation_verbs.hpp"
#include "cli/verbs.hpp"
#include "core/codec.hpp"

namespace scepter::cli {
namespace {

using nlohmann::json;

const std::vector<std::string> kListColumns = {"name", "environment", "tenant_id", "client_id",
                                               "delegation"};

std::string account_path(const std::string& name) {
  return "/azure-accounts/" + url_encode(name);
}

// Where a client secret comes from: the option itself, or a file ("-": standard input) so that
// it stays out of shell history and process listings.
struct SecretSource {
  Optional<std::string> value;
  Optional<std::string> file;

  void add_to(CLI::App& command) {
    auto* given = add_optional(command, "--client-secret", value,
                               "the application's client secret (prefer --client-secret-file)");
    add_optional(command, "--client-secret-file", file,
                 "read the client secret from this file, or from standard input with -")
        ->excludes(given);
  }
  std::optional<std::string> read(Context& context) const {
    if (auto path = file.get()) return context.read_secret(*path);
    return value.get();
  }
};

// The URL and trust options add and edit share.
struct CloudUrls {
  Optional<std::string> authority_url, graph_url, intune_url, trust_ca_file;

  void add_to(CLI::App& command) {
    add_optional(command, "--authority-url", authority_url,
                 "Entra token authority (default: the environment's)");
    add_optional(command, "--graph-url", graph_url, "Microsoft Graph (default: the environment's)");
    add_optional(command, "--intune-url", intune_url,
                 "Intune token resource (default: the environment's)");
    add_optional(command, "--trust-ca", trust_ca_file,
                 "PEM file of extra CA certificates to trust for these URLs");
  }
};

// The steps as a table (or the report as JSON); a failed test ends with exit code 1.
void print_report(Context& context, const json& report) {
  if (context.json_output()) {
    context.print_object(report);
  } else {
    context.print_table(report.at("steps"), {"name", "ok", "detail"});
  }
  if (!report.value("ok", false)) {
    context.fail_with(make_error(ErrorCategory::unavailable, "the connection test failed"));
  }
}

void register_add(CLI::App& group, Console& console) {
  struct Options {
    admin::AzureAccountInput input;
    SecretSource secret;
    CloudUrls urls;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_command(
      group, "add", "Add an Azure account for Intune endpoints (MRAO)", console,
      [options](Context& context) {
        admin::AzureAccountInput input = options->input;
        const auto secret = options->secret.read(context);
        if (!secret) {
          context.fail_with(
              invalid_field("client_secret", "give --client-secret or --client-secret-file"));
        }
        input.client_secret = *secret;
        input.authority_url = options->urls.authority_url.get();
        input.graph_url = options->urls.graph_url.get();
        input.intune_url = options->urls.intune_url.get();
        if (auto file = options->urls.trust_ca_file.get()) {
          input.trust_ca_pem = context.read_text(*file);
        }
        if (auto* api = context.remote()) {
          const json body = without_nulls({{"name", input.name},
                                           {"environment", input.environment},
                                           {"tenant_id", input.tenant_id},
                                           {"client_id", input.client_id},
                                           {"client_secret", input.client_secret},
                                           {"authority_url", optional_json(input.authority_url)},
                                           {"graph_url", optional_json(input.graph_url)},
                                           {"intune_url", optional_json(input.intune_url)},
                                           {"trust_ca_pem", input.trust_ca_pem}});
          context.print_object(context.unwrap(api->send("POST", "/azure-accounts", body)));
          return;
        }
        admin::AzureAccounts accounts(context.workspace(), context.actor());
        context.print_object(admin::to_json(context.unwrap(accounts.add(input))));
      });
  auto& input = options->input;
  command->add_option("--name", input.name, "account name")->required();
  command->add_option("--environment", input.environment, "public, usgov, china or custom")
      ->capture_default_str();
  command->add_option("--tenant", input.tenant_id, "directory (tenant) id, a GUID")->required();
  command->add_option("--client-id", input.client_id, "application (client) id, a GUID")
      ->required();
  options->secret.add_to(*command);
  options->urls.add_to(*command);
}

void register_list(CLI::App& group, Console& console) {
  add_command(group, "list", "List Azure accounts", console, [](Context& context) {
    if (auto* api = context.remote()) {
      context.print_table(context.unwrap(api->list_all("/azure-accounts")), kListColumns);
      return;
    }
    admin::AzureAccounts accounts(context.workspace(), context.actor());
    context.print_table(admin::to_json(context.unwrap(accounts.list())), kListColumns);
  });
}

void register_show(CLI::App& group, Console& console) {
  auto name = std::make_shared<std::string>();
  add_command(group, "show", "Show an Azure account (never its secret)", console,
              [name](Context& context) {
                if (auto* api = context.remote()) {
                  context.print_object(context.unwrap(api->get(account_path(*name))));
                  return;
                }
                admin::AzureAccounts accounts(context.workspace(), context.actor());
                context.print_object(admin::to_json(context.unwrap(accounts.show(*name))));
              })
      ->add_option("--name", *name, "account name")
      ->required();
}

void register_edit(CLI::App& group, Console& console) {
  struct Options {
    std::string name;
    Optional<std::string> new_name, environment, tenant_id, client_id;
    SecretSource secret;
    CloudUrls urls;
    bool no_trust_ca = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_command(
      group, "edit", "Change an Azure account (MRAO)", console, [options](Context& context) {
        const Options& o = *options;
        admin::AzureAccountChanges changes{.name = o.new_name.get(),
                                           .environment = o.environment.get(),
                                           .tenant_id = o.tenant_id.get(),
                                           .client_id = o.client_id.get(),
                                           .client_secret = o.secret.read(context),
                                           .authority_url = o.urls.authority_url.get(),
                                           .graph_url = o.urls.graph_url.get(),
                                           .intune_url = o.urls.intune_url.get()};
        if (auto file = o.urls.trust_ca_file.get()) changes.trust_ca_pem = context.read_text(*file);
        if (o.no_trust_ca) changes.trust_ca_pem = "";
        if (auto* api = context.remote()) {
          const json body = without_nulls({{"name", optional_json(changes.name)},
                                           {"environment", optional_json(changes.environment)},
                                           {"tenant_id", optional_json(changes.tenant_id)},
                                           {"client_id", optional_json(changes.client_id)},
                                           {"client_secret", optional_json(changes.client_secret)},
                                           {"authority_url", optional_json(changes.authority_url)},
                                           {"graph_url", optional_json(changes.graph_url)},
                                           {"intune_url", optional_json(changes.intune_url)},
                                           {"trust_ca_pem", optional_json(changes.trust_ca_pem)}});
          context.print_object(context.unwrap(api->send("PATCH", account_path(o.name), body)));
          return;
        }
        admin::AzureAccounts accounts(context.workspace(), context.actor());
        context.print_object(admin::to_json(context.unwrap(accounts.edit(o.name, changes))));
      });
  Options& o = *options;
  command->add_option("--name", o.name, "the account to change")->required();
  add_optional(*command, "--new-name", o.new_name, "rename it");
  add_optional(*command, "--environment", o.environment,
               "public, usgov, china or custom (brings that cloud's URLs)");
  add_optional(*command, "--tenant", o.tenant_id, "directory (tenant) id");
  add_optional(*command, "--client-id", o.client_id, "application (client) id");
  o.secret.add_to(*command);
  o.urls.add_to(*command);
  command->add_flag("--no-trust-ca", o.no_trust_ca, "trust only the system's CAs again")
      ->excludes(o.urls.trust_ca_file.option);
}

void register_delete(CLI::App& group, Console& console) {
  auto name = std::make_shared<std::string>();
  add_command(group, "delete", "Delete an Azure account no endpoint uses (MRAO)", console,
              [name](Context& context) {
                if (auto* api = context.remote()) {
                  context.unwrap(api->send("DELETE", account_path(*name)));
                } else {
                  admin::AzureAccounts accounts(context.workspace(), context.actor());
                  context.check(accounts.remove(*name));
                }
                context.print_done({{"deleted", *name}}, "deleted Azure account " + *name);
              })
      ->add_option("--name", *name, "account name")
      ->required();
}

void register_test(CLI::App& group, Console& console) {
  auto name = std::make_shared<std::string>();
  add_command(
      group, "test",
      "Obtain a token and discover Intune with an Azure account, step by step (MRAO); exits 1 "
      "when a step fails",
      console,
      [name](Context& context) {
        json report;
        if (auto* api = context.remote()) {
          report = context.unwrap(api->send("POST", account_path(*name) + "/test"));
        } else {
          admin::AzureAccounts accounts(context.workspace(), context.actor());
          report = admin::to_json(context.unwrap(accounts.test(*name)));
        }
        print_report(context, report);
      })
      ->add_option("--name", *name, "account name")
      ->required();
}

}  // namespace

void register_azure_account_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "azure-account", "Azure accounts of Intune endpoints");
  register_add(*group, console);
  register_list(*group, console);
  register_show(*group, console);
  register_edit(*group, console);
  register_delete(*group, console);
  register_test(*group, console);
  register_delegation_verbs(
      *group, console,
      {.noun = "an Azure account",
       .name_option = "--name",
       .name_help = "account name",
       .rest_path = account_path,
       .show_local =
           [](Context& context, const std::string& account) {
             admin::AzureAccounts accounts(context.workspace(), context.actor());
             return admin::to_json(context.unwrap(accounts.delegation(account)));
           },
       .set_local =
           [](Context& context, const std::string& account, const std::string& mode,
              const std::vector<admin::DelegationTarget>& targets) {
             admin::AzureAccounts accounts(context.workspace(), context.actor());
             return admin::to_json(context.unwrap(accounts.set_delegation(account, mode, targets)));
           }});
}

}  // namespace scepter::cli
