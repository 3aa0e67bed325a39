#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli.hpp"

namespace scepter::app {

// `scepter migrate [--config FILE] [--data DIR] [--database LOCATION] [--json]`: applies the
// database's pending migrations (the database of `serve` with the same options) and prints the
// schema version before and after. Safe while other nodes start or run the same command.
void register_migrate_command(CLI::App& app, cli::Console& console);

}  // namespace scepter::app
