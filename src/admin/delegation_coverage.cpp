#include "admin/delegation_coverage.hpp"

#include <algorithm>

namespace scepter::admin {

bool delegation_covers(const store::Delegation& target, store::Id organization_id,
                       std::optional<store::Id> department_id) {
  return target.organization_id == organization_id &&
         (!target.department_id || target.department_id == department_id);
}

bool delegation_covers(std::string_view mode, const std::vector<store::Delegation>& targets,
                       store::Id organization_id, std::optional<store::Id> department_id) {
  if (mode != "customized") return true;
  return std::ranges::any_of(targets, [&](const store::Delegation& target) {
    return delegation_covers(target, organization_id, department_id);
  });
}

std::string tenant_label(std::string_view organization, std::string_view department) {
  return "organization '" + std::string(organization) + "', department '" +
         std::string(department) + "'";
}

}  // namespace scepter::admin
