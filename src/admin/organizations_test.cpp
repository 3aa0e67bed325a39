#include "admin/organizations.hpp"

#include <gtest/gtest.h>

#include "admin/admin_test_fixture.hpp"
#include "admin/auth.hpp"
#include "admin/delegations.hpp"

namespace scepter::admin {
namespace {

class OrganizationsTest : public AdminFixture {
 protected:
  Organizations orgs() { return Organizations(*workspace_, actor_); }
  const store::AuditEvent* audit_event(const std::string& action) {
    events_ = audit_events();
    auto found = std::ranges::find(events_, action, &store::AuditEvent::action);
    return found == events_.end() ? nullptr : &*found;
  }
  std::vector<store::AuditEvent> events_;
};

TEST_F(OrganizationsTest, AddsAndListsWithAudit) {
  Organizations orgs(*workspace_, actor_);
  auto acme = orgs.add("Acme");
  ASSERT_TRUE(acme);
  EXPECT_EQ(acme->name, "Acme");
  auto all = orgs.list();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].id, acme->id);

  const auto events = audit_events();
  const auto found =
      std::ranges::find(events, std::string("organization.create"), &store::AuditEvent::action);
  ASSERT_NE(found, events.end());
  EXPECT_EQ(found->actor, "test:alice");
  EXPECT_EQ(found->source, "local");
  EXPECT_EQ(found->target, "organization:Acme");
  EXPECT_TRUE(found->before.empty());
  EXPECT_NE(found->after.find("\"Acme\""), std::string::npos);
}

TEST_F(OrganizationsTest, RefusesDuplicateAndBlankNames) {
  Organizations orgs(*workspace_, actor_);
  ASSERT_TRUE(orgs.add("Acme"));
  expect_error(orgs.add("Acme"), ErrorCategory::conflict, "name");
  expect_error(orgs.add("  "), ErrorCategory::invalid, "name");
  expect_error(orgs.add(std::string(129, 'x')), ErrorCategory::invalid, "name");
  expect_error(orgs.add("bad\nname"), ErrorCategory::invalid, "name");
}

TEST_F(OrganizationsTest, RefusesNamesThatAreNotUtf8BeforeWriting) {
  const auto audited = audit_events().size();
  expect_error(orgs().add("bad\xffname"), ErrorCategory::invalid, "name");
  ASSERT_TRUE(orgs().add("Acme"));
  expect_error(orgs().add_department("Acme", "bad\xc3"), ErrorCategory::invalid, "name");
  expect_error(orgs().rename("Acme", "\xed\xa0\x80"), ErrorCategory::invalid, "name");
  auto all = orgs().list();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].name, "Acme");
  EXPECT_EQ(audit_events().size(), audited + 1);  // Acme only
}

TEST_F(OrganizationsTest, DepartmentsBelongToAnExistingOrganization) {
  Organizations orgs(*workspace_, actor_);
  ASSERT_TRUE(orgs.add("Acme"));
  ASSERT_TRUE(orgs.add("Other"));
  auto it = orgs.add_department("Acme", "IT");
  ASSERT_TRUE(it);
  EXPECT_EQ(it->organization, "Acme");
  ASSERT_TRUE(orgs.add_department("Other", "IT"));  // same name, other organization
  expect_error(orgs.add_department("Acme", "IT"), ErrorCategory::conflict, "name");
  expect_error(orgs.add_department("Nope", "IT"), ErrorCategory::not_found, "organization");

  auto acme_only = orgs.list_departments("Acme");
  ASSERT_TRUE(acme_only);
  ASSERT_EQ(acme_only->size(), 1u);
  EXPECT_EQ((*acme_only)[0].organization, "Acme");
  auto all = orgs.list_departments(std::nullopt);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2u);
  expect_error(orgs.list_departments("Nope"), ErrorCategory::not_found, "organization");
}

TEST_F(OrganizationsTest, RenamesWithAuditAndKeepsWhatBelongsToIt) {
  add_tenant();
  auto renamed = orgs().rename("Acme", "Acme Corp");
  ASSERT_TRUE(renamed) << renamed.error().client_text;
  EXPECT_EQ(renamed->name, "Acme Corp");
  auto departments = orgs().list_departments("Acme Corp");
  ASSERT_TRUE(departments);
  ASSERT_EQ(departments->size(), 1u);
  EXPECT_EQ((*departments)[0].organization, "Acme Corp");
  expect_error(orgs().list_departments("Acme"), ErrorCategory::not_found, "organization");

  const auto* event = audit_event("organization.update");
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->target, "organization:Acme");
  EXPECT_NE(event->before.find("\"Acme\""), std::string::npos);
  EXPECT_NE(event->after.find("\"Acme Corp\""), std::string::npos);
}

TEST_F(OrganizationsTest, RefusesBadRenames) {
  add_tenant();
  expect_error(orgs().rename("Acme", "Other"), ErrorCategory::conflict, "name");
  expect_error(orgs().rename("Acme", " "), ErrorCategory::invalid, "name");
  expect_error(orgs().rename("Acme", "a\tb"), ErrorCategory::invalid, "name");
  expect_error(orgs().rename("Nope", "New"), ErrorCategory::not_found, "organization");
  auto same = orgs().rename("Acme", "Acme");
  ASSERT_TRUE(same);
  EXPECT_EQ(audit_event("organization.update"), nullptr);  // nothing changed, nothing audited
}

TEST_F(OrganizationsTest, OnlyAnMraoRenamesOrDeletesOrganizations) {
  add_tenant();
  Organizations as_rao(*workspace_, scoped(Role::rao, "Acme"));
  expect_error(as_rao.rename("Acme", "Mine"), ErrorCategory::forbidden);
  expect_error(as_rao.remove("Acme"), ErrorCategory::forbidden);
  // Outside its scope, the organization does not exist for it.
  expect_error(as_rao.rename("Other", "Mine"), ErrorCategory::not_found, "organization");
  expect_error(as_rao.remove("Other"), ErrorCategory::not_found, "organization");
}

TEST_F(OrganizationsTest, DeletesOnlyWhatNothingRefersTo) {
  add_tenant();
  ASSERT_TRUE(orgs().add("Empty"));
  ASSERT_TRUE(orgs().remove("Empty"));
  expect_error(orgs().rename("Empty", "x"), ErrorCategory::not_found, "organization");
  const auto* event = audit_event("organization.delete");
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->target, "organization:Empty");
  EXPECT_TRUE(event->after.empty());

  auto refused = orgs().remove("Acme");
  expect_error(refused, ErrorCategory::conflict, "organization");
  EXPECT_NE(refused.error().client_text.find("department 'IT'"), std::string::npos)
      << refused.error().client_text;
}

TEST_F(OrganizationsTest, DeleteNamesAccountsAdminsAndDelegations) {
  add_tenant();
  add_scep_endpoint("vpn");
  add_account("vpn", "laptop");
  ASSERT_TRUE(Delegations(*workspace_, actor_)
                  .set("vpn", "customized",
                       {{.organization = "Acme", .department = "IT"},
                        {.organization = "Other", .department = "Sales"}}));
  ASSERT_TRUE(
      Auth(*workspace_, {.pwhash_ops = 1, .pwhash_memory = 8192})
          .create_admin(
              actor_,
              {.name = "sam", .role = "drao", .organization = "Other", .department = "Sales"}));

  auto it = orgs().remove_department("Acme", "IT");
  expect_error(it, ErrorCategory::conflict, "department");
  EXPECT_NE(it.error().client_text.find("account 'laptop' of endpoint 'vpn'"), std::string::npos)
      << it.error().client_text;
  auto sales = orgs().remove_department("Other", "Sales");
  expect_error(sales, ErrorCategory::conflict, "department");
  EXPECT_NE(sales.error().client_text.find("the delegation of endpoint 'vpn'"), std::string::npos)
      << sales.error().client_text;
  EXPECT_NE(sales.error().client_text.find("admin 'sam'"), std::string::npos)
      << sales.error().client_text;
}

TEST_F(OrganizationsTest, RenamesAndDeletesDepartments) {
  add_tenant();
  ASSERT_TRUE(orgs().add_department("Acme", "HR"));
  expect_error(orgs().rename_department("Acme", "HR", "IT"), ErrorCategory::conflict, "name");
  expect_error(orgs().rename_department("Acme", "HR", ""), ErrorCategory::invalid, "name");
  expect_error(orgs().rename_department("Acme", "Nope", "X"), ErrorCategory::not_found,
               "department");
  expect_error(orgs().rename_department("Nope", "HR", "X"), ErrorCategory::not_found,
               "organization");
  auto renamed = orgs().rename_department("Acme", "HR", "People");
  ASSERT_TRUE(renamed) << renamed.error().client_text;
  EXPECT_EQ(renamed->name, "People");
  EXPECT_EQ(renamed->organization, "Acme");
  const auto* update = audit_event("department.update");
  ASSERT_NE(update, nullptr);
  EXPECT_EQ(update->target, "department:Acme/HR");

  auto by_id = orgs().department_by_id(std::to_string(renamed->id));
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->name, "People");
  expect_error(orgs().department_by_id("x1"), ErrorCategory::not_found, "department");
  expect_error(orgs().department_by_id("999999"), ErrorCategory::not_found, "department");

  ASSERT_TRUE(orgs().remove_department("Acme", "People"));
  expect_error(orgs().department_by_id(std::to_string(renamed->id)), ErrorCategory::not_found,
               "department");
  const auto* removed = audit_event("department.delete");
  ASSERT_NE(removed, nullptr);
  EXPECT_EQ(removed->target, "department:Acme/People");
}

TEST_F(OrganizationsTest, DepartmentsChangeAtOrganizationLevelWithinTheScope) {
  add_tenant();
  ASSERT_TRUE(orgs().add_department("Acme", "HR"));
  Organizations as_rao(*workspace_, scoped(Role::rao, "Acme"));
  Organizations as_drao(*workspace_, scoped(Role::drao, "Acme", "IT"));
  expect_error(as_drao.rename_department("Acme", "IT", "X"), ErrorCategory::forbidden);
  expect_error(as_drao.remove_department("Acme", "HR"), ErrorCategory::forbidden);
  expect_error(as_rao.rename_department("Other", "Sales", "X"), ErrorCategory::not_found,
               "organization");
  auto& store = workspace_->store();
  const auto sales = store.find_department(store.find_organization("Other").value().id, "Sales");
  ASSERT_TRUE(sales);
  expect_error(as_rao.department_by_id(std::to_string(sales->id)), ErrorCategory::not_found,
               "department");
  ASSERT_TRUE(as_rao.rename_department("Acme", "HR", "People"));
  ASSERT_TRUE(as_rao.remove_department("Acme", "People"));
}

}  // namespace
}  // namespace scepter::admin
