#include "cli/delegation_verbs.hpp"

#include <memory>
#include <utility>

#include "admin/json.hpp"

namespace scepter::cli {
namespace {

void register_show(CLI::App& group, Console& console, const DelegatedKind& kind) {
  auto name = std::make_shared<std::string>();
  add_command(
      group, "delegation", "Show who may use " + kind.noun, console,
      [name, kind](Context& context) {
        if (auto* api = context.remote()) {
          context.print_object(context.unwrap(api->get(kind.rest_path(*name) + "/delegation")));
          return;
        }
        context.print_object(kind.show_local(context, *name));
      })
      ->add_option(kind.name_option, *name, kind.name_help)
      ->required();
}

void register_set(CLI::App& group, Console& console, const DelegatedKind& kind) {
  struct Options {
    std::string name;
    bool general = false;
    std::vector<std::string> organizations;
    std::vector<std::pair<std::string, std::string>> departments;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = add_command(
      group, "delegate",
      "Set who may use " + kind.noun +
          " (MRAO): every organization (--general), or only the organizations and departments "
          "named",
      console, [options, kind](Context& context) {
        const Options& o = *options;
        std::vector<admin::DelegationTarget> targets;
        for (const auto& organization : o.organizations) {
          targets.push_back({.organization = organization});
        }
        for (const auto& [organization, department] : o.departments) {
          targets.push_back({.organization = organization, .department = department});
        }
        const std::string mode = o.general ? "general" : "customized";
        if (auto* api = context.remote()) {
          const nlohmann::json body = {{"mode", mode}, {"targets", admin::to_json(targets)}};
          context.print_object(
              context.unwrap(api->send("PUT", kind.rest_path(o.name) + "/delegation", body)));
          return;
        }
        context.print_object(kind.set_local(context, o.name, mode, targets));
      });
  Options& o = *options;
  command->add_option(kind.name_option, o.name, kind.name_help)->required();
  auto* general = command->add_flag("--general", o.general, "every organization may use it");
  auto* organizations =
      command->add_option("--org", o.organizations, "an organization as a whole (repeatable)");
  auto* departments = command->add_option("--department", o.departments,
                                          "ORG DEPARTMENT: one department (repeatable)");
  general->excludes(organizations)->excludes(departments);
}

}  // namespace

void register_delegation_verbs(CLI::App& group, Console& console, const DelegatedKind& kind) {
  register_show(group, console, kind);
  register_set(group, console, kind);
}

}  // namespace scepter::cli
