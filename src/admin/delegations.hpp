#pragma once
// Who may use a regular SCEP endpoint: every organization ("general"), or only chosen
// organizations and departments ("customized"). RAOs and DRAOs see the endpoints delegated to
// them; only an MRAO changes delegation.

#include <optional>
#include <string>
#include <vector>

#include "admin/audit.hpp"
#include "admin/workspace.hpp"

namespace scepter::admin {

struct DelegationTarget {
  std::string organization{};
  std::optional<std::string> department{};  // none: the whole organization
};

struct DelegationView {
  std::string endpoint{};  // URI extension
  std::string mode{};      // "general" | "customized"
  std::vector<DelegationTarget> targets{};
};

class Delegations {
 public:
  Delegations(Workspace& workspace, Actor actor)
      : workspace_(workspace), actor_(std::move(actor)) {}

  Result<DelegationView> show(const std::string& endpoint);
  // "general" takes no targets; "customized" needs at least one. Intune endpoints belong to their
  // own organization and department and cannot be delegated (invalid, field "endpoint").
  // conflict (field "targets") naming the endpoint's accounts the delegation would leave out.
  Result<DelegationView> set(const std::string& endpoint, const std::string& mode,
                             const std::vector<DelegationTarget>& targets);

 private:
  Result<DelegationView> view_of(const store::Endpoint& endpoint);

  Workspace& workspace_;
  Actor actor_;
};

nlohmann::json to_json(const DelegationView& delegation);
nlohmann::json to_json(const std::vector<DelegationTarget>& targets);

// What endpoints and Azure accounts share. Checks the mode ("general" takes no targets,
// "customized" at least one) and resolves the targets' names to rows.
Result<std::vector<store::Delegation>> resolve_delegation(
    store::Store& store, const std::string& mode, const std::vector<DelegationTarget>& targets);
// The names operators use for stored delegations.
Result<std::vector<DelegationTarget>> delegation_targets(
    store::Store& store, const std::vector<store::Delegation>& delegations);

}  // namespace scepter::admin
