#include "cli/cli.hpp"

#include "cli/verbs.hpp"

namespace scepter::cli {

void register_admin_commands(CLI::App& app, Console& console) {
  register_org_commands(app, console);
  register_department_commands(app, console);
  register_profile_commands(app, console);
  register_ra_commands(app, console);
  register_azure_account_commands(app, console);
  register_endpoint_commands(app, console);
  register_account_commands(app, console);
  register_ca_commands(app, console);
  register_request_commands(app, console);
  register_cert_commands(app, console);
  register_crl_command(app, console);
  register_admin_user_commands(app, console);
}

int run(CLI::App& app, int argc, const char* const* argv, Console& console) {
  try {
    app.parse(argc, argv);
    return 0;
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error, console.out, console.err);
    // RuntimeError carries the command's own code (already reported); CLI11's usage errors
    // have codes of their own, which are folded into the conventional 2.
    if (error.get_name() == "RuntimeError" || code == 0) return code;
    return 2;
  } catch (const std::exception& error) {
    // Whatever a command did not foresee still ends as a runtime error, never as an abort.
    console.err << "error: " << error.what() << std::endl;
    return 1;
  }
}

int run(CLI::App& app, const std::vector<std::string>& args, Console& console) {
  std::vector<const char*> argv{app.get_name().c_str()};
  for (const auto& arg : args) argv.push_back(arg.c_str());
  return run(app, static_cast<int>(argv.size()), argv.data(), console);
}

}  // namespace scepter::cli
