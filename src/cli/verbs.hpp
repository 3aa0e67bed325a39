#pragma once
// One registration function per verb group, each in its own file.

#include <CLI/CLI.hpp>

#include "cli/cli.hpp"

namespace scepter::cli {

void register_org_commands(CLI::App& app, Console& console);
void register_department_commands(CLI::App& app, Console& console);
void register_profile_commands(CLI::App& app, Console& console);
void register_ra_commands(CLI::App& app, Console& console);
void register_endpoint_commands(CLI::App& app, Console& console);
void register_account_commands(CLI::App& app, Console& console);
void register_azure_account_commands(CLI::App& app, Console& console);
void register_ca_commands(CLI::App& app, Console& console);
void register_request_commands(CLI::App& app, Console& console);
void register_cert_commands(CLI::App& app, Console& console);
void register_crl_command(CLI::App& app, Console& console);
void register_admin_user_commands(CLI::App& app, Console& console);

}  // namespace scepter::cli
