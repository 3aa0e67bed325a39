#pragma once
// Organizations and their departments: the tenants certificates belong to.

#include <optional>
#include <string>
#include <vector>

#include "admin/audit.hpp"
#include "admin/views.hpp"
#include "admin/workspace.hpp"

namespace scepter::admin {

class Organizations {
 public:
  Organizations(Workspace& workspace, Actor actor)
      : workspace_(workspace), actor_(std::move(actor)) {}

  // conflict (field "name") when the name is taken.
  Result<store::Organization> add(const std::string& name);
  Result<std::vector<store::Organization>> list();
  // MRAO only. invalid/conflict (field "name") as for add; departments, accounts and endpoints
  // follow, since they refer to it by id.
  Result<store::Organization> rename(const std::string& organization, const std::string& name);
  // MRAO only. conflict (field "organization") naming what still refers to it: departments,
  // accounts, Intune endpoints, admins, delegations.
  Status remove(const std::string& organization);

  // conflict when the organization already has a department of that name.
  Result<DepartmentView> add_department(const std::string& organization, const std::string& name);
  // Every department, or those of one organization.
  Result<std::vector<DepartmentView>> list_departments(
      const std::optional<std::string>& organization);
  // By numeric id (the REST API's {department_id}); not_found outside the scope.
  Result<DepartmentView> department_by_id(const std::string& id);
  // Whoever may add the department (MRAO, or the RAO of its organization) may rename or delete it.
  Result<DepartmentView> rename_department(const std::string& organization,
                                           const std::string& department, const std::string& name);
  // conflict (field "department") naming the accounts, Intune endpoints, admins and delegations
  // that still refer to it.
  Status remove_department(const std::string& organization, const std::string& department);

 private:
  Workspace& workspace_;
  Actor actor_;
};

}  // namespace scepter::admin
