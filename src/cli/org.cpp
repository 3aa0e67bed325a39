#include "admin/json.hpp"
#include "admin/organizations.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"
#include "core/codec.hpp"

namespace scepter::cli {
namespace {

std::string organization_path(const std::string& name) {
  return "/organizations/" + url_encode(name);
}

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

void register_edit(CLI::App& group, Console& console) {
  struct Options {
    std::string name;
    std::string new_name;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_command(
      group, "edit", "Rename an organization (MRAO)", console, [options](Context& context) {
        if (auto* api = context.remote()) {
          context.print_object(context.unwrap(
              api->send("PATCH", organization_path(options->name), {{"name", options->new_name}})));
          return;
        }
        admin::Organizations organizations(context.workspace(), context.actor());
        context.print_object(
            admin::to_json(context.unwrap(organizations.rename(options->name, options->new_name))));
      });
  command->add_option("--name", options->name, "the organization to rename")->required();
  command->add_option("--new-name", options->new_name, "its new name")->required();
}

void register_delete(CLI::App& group, Console& console) {
  auto name = std::make_shared<std::string>();
  add_command(group, "delete",
              "Delete an organization nothing refers to any more (MRAO): no departments, "
              "accounts, endpoints, admins or delegations",
              console,
              [name](Context& context) {
                if (auto* api = context.remote()) {
                  context.unwrap(api->send("DELETE", organization_path(*name)));
                } else {
                  admin::Organizations organizations(context.workspace(), context.actor());
                  context.check(organizations.remove(*name));
                }
                context.print_done({{"deleted", *name}}, "deleted organization " + *name);
              })
      ->add_option("--name", *name, "organization name")
      ->required();
}

}  // namespace

void register_org_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "org", "Organizations");
  register_add(*group, console);
  register_list(*group, console);
  register_edit(*group, console);
  register_delete(*group, console);
}

}  // namespace scepter::cli
