#include "admin/json.hpp"
#include "admin/organizations.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"
#include "core/codec.hpp"

namespace scepter::cli {
namespace {

// Which department an organization and name mean, as the REST API's /departments/{id}, with the
// not_found errors that local mode gives.
std::string department_path(Context& context, ApiClient& api, const std::string& organization,
                            const std::string& name) {
  const auto found = context.unwrap(api.list_all(
      "/departments?organization=" + url_encode(organization) + "&name=" + url_encode(name)));
  if (!found.empty()) return "/departments/" + std::to_string(found[0].at("id").get<long long>());
  const bool org_exists =
      !context.unwrap(api.list_all("/organizations?name=" + url_encode(organization))).empty();
  Error missing = make_error(
      ErrorCategory::not_found,
      org_exists ? "department '" + name + "' does not exist in organization '" + organization + "'"
                 : "organization '" + organization + "' does not exist");
  missing.field = org_exists ? "department" : "organization";
  context.fail_with(missing);
}

// The department a command names: --org and --name.
struct DepartmentName {
  std::string organization;
  std::string name;

  void add_to(CLI::App& command, const std::string& description) {
    command.add_option("--org", organization, "organization name")->required();
    command.add_option("--name", name, description)->required();
  }
};

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

void register_edit(CLI::App& group, Console& console) {
  struct Options {
    DepartmentName department;
    std::string new_name;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_command(
      group, "edit", "Rename a department (MRAO, or the RAO of its organization)", console,
      [options](Context& context) {
        const auto& [organization, name] = options->department;
        if (auto* api = context.remote()) {
          context.print_object(
              context.unwrap(api->send("PATCH", department_path(context, *api, organization, name),
                                       {{"name", options->new_name}})));
          return;
        }
        admin::Organizations organizations(context.workspace(), context.actor());
        context.print_object(admin::to_json(context.unwrap(
            organizations.rename_department(organization, name, options->new_name))));
      });
  options->department.add_to(*command, "the department to rename");
  command->add_option("--new-name", options->new_name, "its new name")->required();
}

void register_delete(CLI::App& group, Console& console) {
  auto department = std::make_shared<DepartmentName>();
  CLI::App* command = add_command(
      group, "delete",
      "Delete a department nothing refers to any more: no accounts, endpoints, admins or "
      "delegations",
      console, [department](Context& context) {
        const auto& [organization, name] = *department;
        if (auto* api = context.remote()) {
          context.unwrap(api->send("DELETE", department_path(context, *api, organization, name)));
        } else {
          admin::Organizations organizations(context.workspace(), context.actor());
          context.check(organizations.remove_department(organization, name));
        }
        context.print_done({{"deleted", name}, {"organization", organization}},
                           "deleted department " + name + " of " + organization);
      });
  department->add_to(*command, "department name");
}

}  // namespace

void register_department_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "department", "Departments of organizations");
  register_add(*group, console);
  register_list(*group, console);
  register_edit(*group, console);
  register_delete(*group, console);
}

}  // namespace scepter::cli
