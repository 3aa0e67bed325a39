#include "admin/auth.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"
#include "core/codec.hpp"

namespace scepter::cli {
namespace {

void register_create(CLI::App& group, Console& console) {
  auto input = std::make_shared<admin::AdminInput>();
  auto organization = std::make_shared<Optional<std::string>>();
  auto department = std::make_shared<Optional<std::string>>();
  CLI::App* command = add_command(
      group, "create", "Create an admin of the REST API; prints its password and an API token once",
      console, [input, organization, department](Context& context) {
        input->organization = organization->get();
        input->department = department->get();
        if (auto* api = context.remote()) {
          const auto body = without_nulls({{"name", input->name},
                                           {"role", input->role},
                                           {"organization", optional_json(input->organization)},
                                           {"department", optional_json(input->department)}});
          context.print_object(context.unwrap(api->send("POST", "/admins", body)));
          return;
        }
        admin::Auth auth(context.workspace());
        context.print_object(
            admin::to_json(context.unwrap(auth.create_admin(context.actor(), *input))));
      });
  command->add_option("--name", input->name, "login name")->required();
  command->add_option("--role", input->role, "mrao | rao | drao")->required();
  add_optional(*command, "--org", *organization, "organization of an RAO or DRAO");
  add_optional(*command, "--department", *department, "department of a DRAO (with --org)");
}

void register_list(CLI::App& group, Console& console) {
  add_command(group, "list", "List admins", console, [](Context& context) {
    const std::vector<std::string> columns = {"id",           "name",       "role",
                                              "organization", "department", "disabled"};
    if (auto* api = context.remote()) {
      context.print_table(context.unwrap(api->list_all("/admins")), columns);
      return;
    }
    admin::Auth auth(context.workspace());
    auto admins = context.unwrap(auth.list_admins(context.actor()));
    auto rows = nlohmann::json::array();
    for (const auto& admin : admins) rows.push_back(admin::to_json(admin));
    context.print_table(rows, columns);
  });
}

// `admin disable` and `admin enable`: the same command but for the state it sets.
void register_set_disabled(CLI::App& group, Console& console, bool disabled) {
  auto name = std::make_shared<std::string>();
  CLI::App* command = add_command(
      group, disabled ? "disable" : "enable",
      disabled ? "Disable an admin: revokes their API tokens and ends their sessions"
               : "Enable a disabled admin again (password login only; tokens stay revoked)",
      console, [name, disabled](Context& context) {
        if (auto* api = context.remote()) {
          const std::string path =
              "/admins/" + url_encode(*name) + (disabled ? "/disable" : "/enable");
          context.print_object(context.unwrap(api->send("POST", path)));
          return;
        }
        admin::Auth auth(context.workspace());
        context.print_object(admin::to_json(
            context.unwrap(auth.set_admin_disabled(context.actor(), *name, disabled))));
      });
  command->add_option("--name", *name, "login name")->required();
}

}  // namespace

void register_admin_user_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "admin", "Admins of the REST API");
  register_create(*group, console);
  register_list(*group, console);
  register_set_disabled(*group, console, true);
  register_set_disabled(*group, console, false);
}

}  // namespace scepter::cli
