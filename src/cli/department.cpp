#include "admin/json.hpp"
#include "admin/organizations.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"
#include "core/codec.hpp"

namespace scepter::cli {
namespace {

void register_add(CLI::App& group, Console& console) {
  struct Options {
    std::string organization;
    std::string name;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      add_command(group, "add", "Add a department", console, [options](Context& context) {
        if (auto* api = context.remote()) {
          context.print_object(context.unwrap(
              api->send("POST", "/departments",
                        {{"organization", options->organization}, {"name", options->name}})));
          return;
        }
        admin::Organizations organizations(context.workspace(), context.actor());
        context.print_object(admin::to_json(
            context.unwrap(organizations.add_department(options->organization, options->name))));
      });
  command->add_option("--org", options->organization, "organization name")->required();
  command->add_option("--name", options->name, "department name")->required();
}

void register_list(CLI::App& group, Console& console) {
  auto organization = std::make_shared<Optional<std::string>>();
  CLI::App* command =
      add_command(group, "list", "List departments", console, [organization](Context& context) {
        const std::vector<std::string> columns = {"id", "organization", "name", "created_at"};
        if (auto* api = context.remote()) {
          std::string path = "/departments";
          if (auto org = organization->get()) path += "?organization=" + url_encode(*org);
          context.print_table(context.unwrap(api->list_all(path)), columns);
          return;
        }
        admin::Organizations organizations(context.workspace(), context.actor());
        const auto departments =
            context.unwrap(organizations.list_departments(organization->get()));
        context.print_table(admin::to_json(departments), columns);
      });
  add_optional(*command, "--org", *organization, "only this organization's departments");
}

}  // namespace

void register_department_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "department", "Departments of organizations");
  register_add(*group, console);
  register_list(*group, console);
}

}  // namespace scepter::cli
