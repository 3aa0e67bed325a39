#include "admin/json.hpp"
#include "admin/organizations.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"

namespace scepter::cli {
namespace {

void register_add(CLI::App& group, Console& console) {
  auto name = std::make_shared<std::string>();
  add_command(group, "add", "Add an organization", console,
              [name](Context& context) {
                if (auto* api = context.remote()) {
                  context.print_object(
                      context.unwrap(api->send("POST", "/organizations", {{"name", *name}})));
                  return;
                }
                admin::Organizations organizations(context.workspace(), context.actor());
                context.print_object(admin::to_json(context.unwrap(organizations.add(*name))));
              })
      ->add_option("--name", *name, "organization name")
      ->required();
}

void register_list(CLI::App& group, Console& console) {
  add_command(group, "list", "List organizations", console, [](Context& context) {
    const std::vector<std::string> columns = {"id", "name", "created_at"};
    if (auto* api = context.remote()) {
      context.print_table(context.unwrap(api->list_all("/organizations")), columns);
      return;
    }
    admin::Organizations organizations(context.workspace(), context.actor());
    context.print_table(admin::to_json(context.unwrap(organizations.list())), columns);
  });
}

}  // namespace

void register_org_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "org", "Organizations");
  register_add(*group, console);
  register_list(*group, console);
}

}  // namespace scepter::cli
