#pragma once
// Which tenants a delegation covers. Endpoints and Azure accounts are delegated "general" (every
// organization) or "customized" to chosen organizations and departments; what is made with them
// (accounts, Intune endpoints) must stay inside, and so must what admins see (admin/scope.hpp).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/records.hpp"

namespace scepter::admin {

// A target naming a whole organization covers each of its departments; one naming a department
// covers only it. department_id none or 0: the organization as a whole.
bool delegation_covers(const store::Delegation& target, store::Id organization_id,
                       std::optional<store::Id> department_id);
// "general" covers every tenant; "customized" those its targets cover.
bool delegation_covers(std::string_view mode, const std::vector<store::Delegation>& targets,
                       store::Id organization_id, std::optional<store::Id> department_id);

// "organization 'Acme', department 'IT'": the tenant as refusals name it.
std::string tenant_label(std::string_view organization, std::string_view department);

}  // namespace scepter::admin
