#include "admin/organizations.hpp"

#include <charconv>
#include <map>

#include "admin/json.hpp"
#include "admin/lookup.hpp"
#include "admin/references.hpp"
#include "admin/scope.hpp"
#include "admin/validation.hpp"

namespace scepter::admin {
namespace {

DepartmentView view_of(const store::Department& department, const std::string& organization) {
  return {department.id, department.name, organization, department.created_at};
}

std::string department_target(const std::string& organization, const std::string& department) {
  return "department:" + organization + "/" + department;
}

Error still_referenced(std::string field, const std::string& what,
                       const std::vector<std::string>& references) {
  return conflict_on(std::move(field), what + " is still used by " + listing(references) +
                                           "; change or delete them first");
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

Result<store::Organization> Organizations::rename(const std::string& organization,
                                                  const std::string& name) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_TRY(const auto current, scope.organization(organization));
  SCEPTER_CHECK(scope.require_mrao("rename organizations"));
  SCEPTER_CHECK(check_name("name", name));
  if (name == current.name) return current;
  SCEPTER_TRY(const bool taken, exists(store.find_organization(name)));
  if (taken) {
    return fail(conflict_on("name", "organization '" + name + "' already exists"));
  }
  SCEPTER_TRY(auto renamed, store.rename_organization(current.id, name));
  SCEPTER_CHECK(record_audit(workspace_, actor_, "organization.update",
                             "organization:" + current.name, to_json(current), to_json(renamed)));
  return renamed;
}

Status Organizations::remove(const std::string& organization) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_TRY(const auto org, scope.organization(organization));
  SCEPTER_CHECK(scope.require_mrao("delete organizations"));
  SCEPTER_TRY(const auto references, references_to_tenant(store, org.id, std::nullopt));
  if (!references.empty()) {
    return fail(still_referenced("organization", "organization '" + org.name + "'", references));
  }
  SCEPTER_CHECK(store.delete_organization(org.id));
  return record_audit(workspace_, actor_, "organization.delete", "organization:" + org.name,
                      to_json(org), nullptr);
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
                             department_target(org.name, name), nullptr, to_json(view)));
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

Result<DepartmentView> Organizations::department_by_id(const std::string& id) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  Error missing = not_found("department " + id + " does not exist");
  missing.field = "department";
  store::Id number = 0;
  const auto* end = id.data() + id.size();
  const auto parsed = std::from_chars(id.data(), end, number);
  if (id.empty() || parsed.ec != std::errc{} || parsed.ptr != end) return fail(missing);
  SCEPTER_TRY(const auto department,
              named_lookup(store.get_department(number), "department", missing.client_text));
  if (!scope.sees_department(department.organization_id, department.id)) return fail(missing);
  SCEPTER_TRY(const auto org, store.get_organization(department.organization_id));
  return view_of(department, org.name);
}

Result<DepartmentView> Organizations::rename_department(const std::string& organization,
                                                        const std::string& department,
                                                        const std::string& name) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_CHECK(scope.require_organization_level("rename departments"));
  SCEPTER_TRY(const auto org, scope.organization(organization));
  SCEPTER_TRY(const auto current, scope.department(org, department));
  SCEPTER_CHECK(check_name("name", name));
  const auto before = view_of(current, org.name);
  if (name == current.name) return before;
  SCEPTER_TRY(const bool taken, exists(store.find_department(org.id, name)));
  if (taken) {
    return fail(conflict_on(
        "name", "department '" + name + "' already exists in organization '" + org.name + "'"));
  }
  SCEPTER_TRY(const auto renamed, store.rename_department(current.id, name));
  auto after = view_of(renamed, org.name);
  SCEPTER_CHECK(record_audit(workspace_, actor_, "department.update",
                             department_target(org.name, current.name), to_json(before),
                             to_json(after)));
  return after;
}

Status Organizations::remove_department(const std::string& organization,
                                        const std::string& department) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_CHECK(scope.require_organization_level("delete departments"));
  SCEPTER_TRY(const auto org, scope.organization(organization));
  SCEPTER_TRY(const auto found, scope.department(org, department));
  SCEPTER_TRY(const auto references, references_to_tenant(store, org.id, found.id));
  if (!references.empty()) {
    return fail(still_referenced(
        "department", "department '" + found.name + "' of organization '" + org.name + "'",
        references));
  }
  SCEPTER_CHECK(store.delete_department(found.id));
  return record_audit(workspace_, actor_, "department.delete",
                      department_target(org.name, found.name), to_json(view_of(found, org.name)),
                      nullptr);
}

}  // namespace scepter::admin
