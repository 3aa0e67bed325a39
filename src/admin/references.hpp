#pragma once
// What still refers to an organization, a department or a certificate profile. The services
// name these when they refuse a delete or a change that would break them, so that the operator
// knows what to change first instead of reading a bare "conflict".

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/store.hpp"

namespace scepter::admin {

// One account or Intune endpoint that issues with a profile, and the term it issues with.
struct ProfileUse {
  std::string user{};  // "account 'a' of endpoint 'general'" | "Intune endpoint 'vpn'"
  int term_days = 0;
  bool intune = false;
};

Result<std::vector<ProfileUse>> uses_of_profile(store::Store& store, store::Id profile_id);

// Everything that names the organization (department_id none) or the one department: its
// departments (organization only), accounts, Intune endpoints, admins, and delegations of
// endpoints and Azure accounts.
Result<std::vector<std::string>> references_to_tenant(store::Store& store,
                                                      store::Id organization_id,
                                                      std::optional<store::Id> department_id);

// "a, b, c and 2 more": long lists are cut so that the message stays one readable line.
std::string listing(const std::vector<std::string>& items);

}  // namespace scepter::admin
