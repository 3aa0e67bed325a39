#include "admin/organizations.hpp"

#include <map>

#include "admin/json.hpp"
#include "admin/lookup.hpp"
#include "admin/scope.hpp"
#include "admin/validation.hpp"

namespace scepter::admin {
namespace {

DepartmentView view_of(const store::Department& department, const std::string& organization) {
  return {department.id, department.name, organization, department.created_at};
}

}  // namespace

Result<store::Organization> Organizations::add(const std::string& name) {
  auto& store = workspace_.store();
  SCEPTER_CHECK(Scope(store, actor_.principal).require_mrao("create organizations"));
  SCEPTER_CHECK(check_name("name", name));
  SCEPTER_TRY(const bool taken, exists(store.find_organization(name)));
  if (taken) {
    return fail(conflict_on("name", "organization '" + name + "' already exists"));
  }
  SCEPTER_TRY(auto org, store.create_organization({.name = name, .created_at = workspace_.now()}));
  SCEPTER_CHECK(record_audit(workspace_, actor_, "organization.create", "organization:" + name,
                             nullptr, to_json(org)));
  return org;
}

Result<std::vector<store::Organization>> Organizations::list() {
  const Scope scope(workspace_.store(), actor_.principal);
  SCEPTER_TRY(auto orgs, workspace_.store().list_organizations());
  std::erase_if(orgs, [&](const auto& org) { return !scope.sees_organization(org.id); });
  return orgs;
}

Result<DepartmentView> Organizations::add_department(const std::string& organization,
                                                     const std::string& name) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_CHECK(scope.require_organization_level("create departments"));
  SCEPTER_CHECK(check_name("name", name));
  SCEPTER_TRY(const auto org, scope.organization(organization));
  SCEPTER_TRY(const bool taken, exists(store.find_department(org.id, name)));
  if (taken) {
    return fail(conflict_on(
        "name", "department '" + name + "' already exists in organization '" + org.name + "'"));
  }
  SCEPTER_TRY(const auto department,
              store.create_department(
                  {.organization_id = org.id, .name = name, .created_at = workspace_.now()}));
  auto view = view_of(department, org.name);
  SCEPTER_CHECK(record_audit(workspace_, actor_, "department.create",
                             "department:" + org.name + "/" + name, nullptr, to_json(view)));
  return view;
}

Result<std::vector<DepartmentView>> Organizations::list_departments(
    const std::optional<std::string>& organization) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  std::optional<store::Id> organization_id;
  if (organization) {
    SCEPTER_TRY(const auto org, scope.organization(*organization));
    organization_id = org.id;
  }
  SCEPTER_TRY(const auto orgs, store.list_organizations());
  std::map<store::Id, std::string> org_names;
  for (const auto& org : orgs) org_names[org.id] = org.name;
  SCEPTER_TRY(const auto departments, store.list_departments(organization_id));
  std::vector<DepartmentView> views;
  for (const auto& department : departments) {
    if (!scope.sees_department(department.organization_id, department.id)) continue;
    views.push_back(view_of(department, org_names[department.organization_id]));
  }
  return views;
}

}  // namespace scepter::admin
