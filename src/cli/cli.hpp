#pragma once
// The `scepter` administration verbs. app/main.cpp builds the CLI::App, adds `serve` and `init`
// beside these, and runs it with run().

#include <CLI/CLI.hpp>
#include <iostream>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "cli/remote.hpp"

namespace scepter::cli {

// Where commands write: std::cout/std::cerr in the binary, string streams in tests.
struct Console {
  std::ostream& out;
  std::ostream& err;
  HttpTransport transport = curl_transport;  // for --server
  std::istream* in = &std::cin;              // for secrets read from "-"
};

// Adds org, department, profile, ra, endpoint, account, ca, request, cert, crl and admin. Every
// leaf takes --data DIR (default ./scepter-data) and --json; --server URL with --token T (or
// SCEPTER_TOKEN) runs org, department, endpoint list/show, account and cert over the REST API
// with the same output, and makes the other verbs fail with a message. console must outlive app.
void register_admin_commands(CLI::App& app, Console& console);

// Parses args (without the program name) and runs the chosen command. Returns the exit code:
// 0; 1 after a runtime error or any other exception, printed as one "error: ..." line on
// console.err; 2 for usage errors (printed by CLI11).
int run(CLI::App& app, const std::vector<std::string>& args, Console& console);
int run(CLI::App& app, int argc, const char* const* argv, Console& console);

}  // namespace scepter::cli
