#pragma once
// `scepter serve`: the composition root of the server process.

#include "app/config.hpp"

namespace scepter::app {

// Runs until SIGTERM/SIGINT; returns the process exit code.
int serve(const ServeConfig& config);

}  // namespace scepter::app
