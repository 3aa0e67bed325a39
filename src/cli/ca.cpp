#include "admin/ca_admin.hpp"
#include "admin/json.hpp"
#include "cli/command.hpp"
#include "cli/verbs.hpp"

namespace scepter::cli {
namespace {

void register_show(CLI::App& group, Console& console) {
  add_command(group, "show", "Show the root, issuing and next CA certificates", console,
              [](Context& context) {
                admin::CaAdmin ca(context.workspace(), context.actor());
                context.print_object(admin::to_json(context.unwrap(ca.show())));
              });
}

void register_rollover(CLI::App& group, Console& console) {
  auto key = std::make_shared<std::string>();
  add_command(group, "rollover", "Create the next issuing CA under the root", console,
              [key](Context& context) {
                admin::CaAdmin ca(context.workspace(), context.actor());
                context.print_object(admin::to_json(context.unwrap(ca.rollover(*key))));
              })
      ->add_option("--key", *key, "key of the next CA (default: as the issuing CA's)");
}

void register_activate_next(CLI::App& group, Console& console) {
  add_command(group, "activate-next", "Make the next CA the issuing one", console,
              [](Context& context) {
                admin::CaAdmin ca(context.workspace(), context.actor());
                context.print_object(admin::to_json(context.unwrap(ca.activate_next())));
              });
}

}  // namespace

void register_ca_commands(CLI::App& app, Console& console) {
  CLI::App* group = add_group(app, "ca", "The CA hierarchy");
  register_show(*group, console);
  register_rollover(*group, console);
  register_activate_next(*group, console);
}

}  // namespace scepter::cli
