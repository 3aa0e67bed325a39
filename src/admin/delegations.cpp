#include "admin/delegations.hpp"

#include "admin/delegation_coverage.hpp"
#include "admin/lookup.hpp"
#include "admin/references.hpp"
#include "admin/scope.hpp"
#include "admin/validation.hpp"

namespace scepter::admin {
namespace {

// Accounts keep their organization and department for life: a delegation may not leave them out.
Status check_accounts_covered(store::Store& store, const store::Endpoint& endpoint,
                              const std::string& mode,
                              const std::vector<store::Delegation>& targets) {
  SCEPTER_TRY(const auto accounts, store.list_accounts(endpoint.id));
  std::vector<std::string> outside;
  for (const auto& account : accounts) {
    if (!delegation_covers(mode, targets, account.organization_id, account.department_id)) {
      outside.push_back("account '" + account.name + "'");
    }
  }
  if (outside.empty()) return {};
  return fail(conflict_on("targets", "the delegation leaves out " + listing(outside) +
                                         " of endpoint '" + endpoint.uri_extension +
                                         "'; delegate to their tenants or delete them first"));
}

}  // namespace

Result<std::vector<store::Delegation>> resolve_delegation(
    store::Store& store, const std::string& mode, const std::vector<DelegationTarget>& targets) {
  SCEPTER_CHECK(check_one_of("mode", mode, {"general", "customized"}));
  if (mode == "general" && !targets.empty()) {
    return fail(invalid_field("targets", "general delegation takes no targets"));
  }
  if (mode == "customized" && targets.empty()) {
    return fail(invalid_field("targets", "customized delegation needs at least one target"));
  }
  std::vector<store::Delegation> delegations;
  for (const auto& target : targets) {
    SCEPTER_TRY(const auto org, organization_named(store, target.organization));
    store::Delegation delegation{.organization_id = org.id};
    if (target.department) {
      SCEPTER_TRY(const auto department, department_named(store, org, *target.department));
      delegation.department_id = department.id;
    }
    delegations.push_back(delegation);
  }
  return delegations;
}

Result<std::vector<DelegationTarget>> delegation_targets(
    store::Store& store, const std::vector<store::Delegation>& delegations) {
  std::vector<DelegationTarget> targets;
  for (const auto& delegation : delegations) {
    SCEPTER_TRY(const auto org, store.get_organization(delegation.organization_id));
    DelegationTarget target{.organization = org.name};
    if (delegation.department_id) {
      SCEPTER_TRY(const auto department, store.get_department(*delegation.department_id));
      target.department = department.name;
    }
    targets.push_back(std::move(target));
  }
  return targets;
}

Result<DelegationView> Delegations::view_of(const store::Endpoint& endpoint) {
  auto& store = workspace_.store();
  SCEPTER_TRY(const auto delegations, store.list_delegations(endpoint.id));
  SCEPTER_TRY(auto targets, delegation_targets(store, delegations));
  return DelegationView{.endpoint = endpoint.uri_extension,
                        .mode = endpoint.delegation,
                        .targets = std::move(targets)};
}

Result<DelegationView> Delegations::show(const std::string& endpoint) {
  SCEPTER_TRY(const auto found, Scope(workspace_.store(), actor_.principal).endpoint(endpoint));
  return view_of(found);
}

Result<DelegationView> Delegations::set(const std::string& endpoint_extension,
                                        const std::string& mode,
                                        const std::vector<DelegationTarget>& targets) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_TRY(auto endpoint, scope.endpoint(endpoint_extension));
  SCEPTER_CHECK(scope.require_mrao("delegate endpoints"));
  if (endpoint.type != "scep") {
    return fail(invalid_field("endpoint", "Intune endpoints cannot be delegated"));
  }
  SCEPTER_TRY(const auto delegations, resolve_delegation(store, mode, targets));
  SCEPTER_CHECK(check_accounts_covered(store, endpoint, mode, delegations));
  SCEPTER_TRY(const auto before, view_of(endpoint));
  endpoint.delegation = mode;
  SCEPTER_TRY(endpoint, store.update_endpoint(endpoint));
  SCEPTER_CHECK(store.set_delegations(endpoint.id, delegations));
  SCEPTER_TRY(auto after, view_of(endpoint));
  SCEPTER_CHECK(record_audit(workspace_, actor_, "endpoint.delegate",
                             "endpoint:" + endpoint.uri_extension, to_json(before),
                             to_json(after)));
  return after;
}

nlohmann::json to_json(const std::vector<DelegationTarget>& targets) {
  auto out = nlohmann::json::array();
  for (const auto& target : targets) {
    out.push_back({{"organization", target.organization},
                   {"department", target.department ? nlohmann::json(*target.department)
                                                    : nlohmann::json(nullptr)}});
  }
  return out;
}

nlohmann::json to_json(const DelegationView& delegation) {
  return {{"endpoint", delegation.endpoint},
          {"mode", delegation.mode},
          {"targets", to_json(delegation.targets)}};
}

}  // namespace scepter::admin
