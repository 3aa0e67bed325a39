#include "admin/references.hpp"

#include <algorithm>

namespace scepter::admin {
namespace {

constexpr std::size_t kListedAtMost = 5;

std::string quoted(const std::string& name) {
  return "'" + name + "'";
}

std::string account_label(const store::Account& account, const store::Endpoint& endpoint) {
  return "account " + quoted(account.name) + " of endpoint " + quoted(endpoint.uri_extension);
}

// Accounts store 0 for "the organization as a whole".
std::optional<store::Id> department_of(store::Id department_id) {
  return department_id == 0 ? std::nullopt : std::optional(department_id);
}

class TenantMatch {
 public:
  TenantMatch(store::Id organization_id, std::optional<store::Id> department_id)
      : organization_id_(organization_id), department_id_(department_id) {}

  bool operator()(store::Id organization_id, std::optional<store::Id> department_id) const {
    return organization_id == organization_id_ &&
           (!department_id_ || department_id == department_id_);
  }
  bool operator()(const std::vector<store::Delegation>& delegations) const {
    return std::ranges::any_of(delegations, [&](const store::Delegation& delegation) {
      return (*this)(delegation.organization_id, delegation.department_id);
    });
  }

 private:
  store::Id organization_id_;
  std::optional<store::Id> department_id_;
};

Status add_endpoint_references(store::Store& store, const TenantMatch& matches,
                               std::vector<std::string>& found) {
  SCEPTER_TRY(const auto endpoints, store.list_endpoints());
  for (const auto& endpoint : endpoints) {
    if (endpoint.organization_id && matches(*endpoint.organization_id, endpoint.department_id)) {
      found.push_back("Intune endpoint " + quoted(endpoint.uri_extension));
    }
    SCEPTER_TRY(const auto delegations, store.list_delegations(endpoint.id));
    if (matches(delegations)) {
      found.push_back("the delegation of endpoint " + quoted(endpoint.uri_extension));
    }
    SCEPTER_TRY(const auto accounts, store.list_accounts(endpoint.id));
    for (const auto& account : accounts) {
      if (matches(account.organization_id, department_of(account.department_id))) {
        found.push_back(account_label(account, endpoint));
      }
    }
  }
  return {};
}

}  // namespace

Result<std::vector<ProfileUse>> uses_of_profile(store::Store& store, store::Id profile_id) {
  std::vector<ProfileUse> uses;
  SCEPTER_TRY(const auto endpoints, store.list_endpoints());
  for (const auto& endpoint : endpoints) {
    if (endpoint.profile_id == profile_id) {
      uses.push_back({.user = "Intune endpoint " + quoted(endpoint.uri_extension),
                      .term_days = endpoint.term_days.value_or(0),
                      .intune = true});
    }
    SCEPTER_TRY(const auto accounts, store.list_accounts(endpoint.id));
    for (const auto& account : accounts) {
      if (account.profile_id != profile_id) continue;
      uses.push_back({.user = account_label(account, endpoint), .term_days = account.term_days});
    }
  }
  return uses;
}

Result<std::vector<std::string>> references_to_tenant(store::Store& store,
                                                      store::Id organization_id,
                                                      std::optional<store::Id> department_id) {
  const TenantMatch matches(organization_id, department_id);
  std::vector<std::string> found;
  if (!department_id) {
    SCEPTER_TRY(const auto departments, store.list_departments(organization_id));
    for (const auto& department : departments) {
      found.push_back("department " + quoted(department.name));
    }
  }
  SCEPTER_CHECK(add_endpoint_references(store, matches, found));
  SCEPTER_TRY(const auto azure_accounts, store.list_azure_accounts());
  for (const auto& account : azure_accounts) {
    SCEPTER_TRY(const auto delegations, store.list_azure_delegations(account.id));
    if (matches(delegations)) {
      found.push_back("the delegation of Azure account " + quoted(account.name));
    }
  }
  SCEPTER_TRY(const auto admins, store.list_admins());
  for (const auto& admin : admins) {
    if (admin.organization_id && matches(*admin.organization_id, admin.department_id)) {
      found.push_back("admin " + quoted(admin.username));
    }
  }
  return found;
}

std::string listing(const std::vector<std::string>& items) {
  std::string text;
  const std::size_t shown = std::min(items.size(), kListedAtMost);
  for (std::size_t i = 0; i < shown; ++i) text += (i == 0 ? "" : ", ") + items[i];
  if (items.size() > shown) text += " and " + std::to_string(items.size() - shown) + " more";
  return text;
}

}  // namespace scepter::admin
