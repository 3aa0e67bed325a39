#pragma once
// `scepter serve`: the composition root of the server process.

#include <string>

#include "http/server.hpp"

namespace scepter::app {

struct ServeOptions {
  std::string data_dir = "./scepter-data";
  std::string public_url;  // empty: keep the stored one, or derive it from the listen address
  std::string log_format = "text";
  http::ServerOptions http;
};

// Runs until SIGTERM/SIGINT; returns the process exit code.
int serve(const ServeOptions& options);

}  // namespace scepter::app
