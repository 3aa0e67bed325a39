#include "admin/auth.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"

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
    const std::vector<std::string> columns = {"id", "name", "role", "organization", "department"};
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

}  // namespace

void register_admin_user_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "admin", "Admins of the REST API");
  register_create(*group, console);
  register_list(*group, console);
}

}  // namespace scepter::cli
