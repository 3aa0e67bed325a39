#pragma once
// The "delegation" and "delegate" verbs, alike for everything that is delegated to organizations
// and departments (endpoints, Azure accounts): one implementation, told how to reach each kind.

#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "admin/delegations.hpp"
#include "cli/cli.hpp"
#include "cli/command.hpp"

namespace scepter::cli {

struct DelegatedKind {
  std::string noun;         // "an endpoint"
  std::string name_option;  // "--endpoint,--uri-extension"
  std::string name_help;    // "URI extension"
  // The REST resource of one, e.g. "/endpoints/vpn"; its delegation is at PATH/delegation.
  std::function<std::string(const std::string& name)> rest_path;
  std::function<nlohmann::json(Context&, const std::string& name)> show_local;
  std::function<nlohmann::json(Context&, const std::string& name, const std::string& mode,
                               const std::vector<admin::DelegationTarget>& targets)>
      set_local;
};

void register_delegation_verbs(CLI::App& group, Console& console, const DelegatedKind& kind);

}  // namespace scepter::cli
