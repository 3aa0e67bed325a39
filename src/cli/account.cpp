#include "admin/accounts.hpp"
#include "admin/json.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"
#include "core/codec.hpp"

namespace scepter::cli {
namespace {

std::string accounts_path(const std::string& endpoint) {
  return "/endpoints/" + url_encode(endpoint) + "/accounts";
}

std::string account_path(const std::string& endpoint, const std::string& name) {
  return accounts_path(endpoint) + "/" + url_encode(name);
}

void register_add(CLI::App& group, Console& console) {
  struct Options {
    admin::AccountInput input;
    Optional<int> term_days;
    Optional<std::string> access_code;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(group, "add", "Add an account; prints its access code once", console,
                  [options](Context& context) {
                    admin::AccountInput input = options->input;
                    input.term_days = options->term_days.get();
                    input.access_code = options->access_code.get();
                    if (auto* api = context.remote()) {
                      nlohmann::json body = {{"name", input.name},
                                             {"organization", input.organization},
                                             {"department", input.department},
                                             {"profile", input.profile}};
                      if (input.term_days) body["term_days"] = *input.term_days;
                      if (input.access_code) body["access_code"] = *input.access_code;
                      context.print_object(
                          context.unwrap(api->send("POST", accounts_path(input.endpoint), body)));
                      return;
                    }
                    admin::Accounts accounts(context.workspace(), context.actor());
                    context.print_object(admin::to_json(context.unwrap(accounts.add(input))));
                  });
  auto& input = options->input;
  command->add_option("--endpoint", input.endpoint, "URI extension of a scep endpoint")->required();
  command->add_option("--name", input.name, "account name")->required();
  command->add_option("--org", input.organization, "organization (fixed once created)")->required();
  command->add_option("--department", input.department, "department (fixed once created)")
      ->required();
  command->add_option("--profile", input.profile, "certificate profile")->required();
  add_optional(*command, "--term", options->term_days,
               "validity in days, one of the profile's terms (default: the shortest)");
  add_optional(*command, "--access-code", options->access_code,
               "the challenge password to use (default: a generated one)");
}

void register_list(CLI::App& group, Console& console) {
  auto endpoint = std::make_shared<std::string>();
  add_command(
      group, "list", "List the accounts of an endpoint", console,
      [endpoint](Context& context) {
        const std::vector<std::string> columns = {"name",    "organization", "department",
                                                  "profile", "term_days",    "code_rotated_at"};
        if (auto* api = context.remote()) {
          context.print_table(context.unwrap(api->list_all(accounts_path(*endpoint))), columns);
          return;
        }
        admin::Accounts accounts(context.workspace(), context.actor());
        context.print_table(admin::to_json(context.unwrap(accounts.list(*endpoint))), columns);
      })
      ->add_option("--endpoint", *endpoint, "URI extension")
      ->required();
}

void register_rotate_code(CLI::App& group, Console& console) {
  struct Options {
    std::string endpoint;
    std::string name;
    Optional<std::string> access_code;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_command(
      group, "rotate-code", "Replace an account's access code; prints the new one once", console,
      [options](Context& context) {
        if (auto* api = context.remote()) {
          nlohmann::json body = nlohmann::json::object();
          if (auto code = options->access_code.get()) body["access_code"] = *code;
          context.print_object(context.unwrap(api->send(
              "POST", account_path(options->endpoint, options->name) + "/rotate-code", body)));
          return;
        }
        admin::Accounts accounts(context.workspace(), context.actor());
        context.print_object(admin::to_json(context.unwrap(
            accounts.rotate_code(options->endpoint, options->name, options->access_code.get()))));
      });
  command->add_option("--endpoint", options->endpoint, "URI extension")->required();
  command->add_option("--name", options->name, "account name")->required();
  add_optional(*command, "--access-code", options->access_code,
               "the new challenge password (default: a generated one)");
}

void register_delete(CLI::App& group, Console& console) {
  struct Options {
    std::string endpoint;
    std::string name;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(group, "delete", "Delete an account", console, [options](Context& context) {
        if (auto* api = context.remote()) {
          context.unwrap(api->send("DELETE", account_path(options->endpoint, options->name)));
        } else {
          admin::Accounts accounts(context.workspace(), context.actor());
          context.check(accounts.remove(options->endpoint, options->name));
        }
        context.print_done({{"deleted", options->name}, {"endpoint", options->endpoint}},
                           "deleted account " + options->name);
      });
  command->add_option("--endpoint", options->endpoint, "URI extension")->required();
  command->add_option("--name", options->name, "account name")->required();
}

}  // namespace

void register_account_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "account", "Accounts of scep endpoints");
  register_add(*group, console);
  register_list(*group, console);
  register_rotate_code(*group, console);
  register_delete(*group, console);
}

}  // namespace scepter::cli
