#pragma once
// The "test connection" action of an Azure account: each step of reaching Intune's SCEP
// validation service (token, discovery, Intune token), with its outcome, so that an
// administrator sees which step fails and why.

#include <string>
#include <vector>

#include "store/records.hpp"

namespace scepter::intune {

struct ConnectionStep {
  std::string name;  // "graph-token", "discovery", "intune-token"
  bool ok = false;
  std::string detail;  // safe to show: never the client secret or a token
};

struct ConnectionReport {
  bool ok = false;  // every step succeeded
  std::vector<ConnectionStep> steps;
};

// Never throws; a failed step ends the report with that step's detail.
ConnectionReport test_connection(const store::AzureAccount& account,
                                 const std::string& client_secret);

}  // namespace scepter::intune
