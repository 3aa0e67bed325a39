#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli.hpp"

namespace scepter::app {

// `scepter init --data DIR [--demo] [--json] [--ca-key SPEC] [--ra-key SPEC] [--public-url URL]
//  [--pkcs11-token-uri URI [--pkcs11-module PATH] [--pkcs11-pin-env NAME]]`
void register_init_command(CLI::App& app, cli::Console& console);

}  // namespace scepter::app
