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

  // conflict when the organization already has a department of that name.
  Result<DepartmentView> add_department(const std::string& organization, const std::string& name);
  // Every department, or those of one organization.
  Result<std::vector<DepartmentView>> list_departments(
      const std::optional<std::string>& organization);

 private:
  Workspace& workspace_;
  Actor actor_;
};

}  // namespace scepter::admin
