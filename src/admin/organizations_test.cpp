#include "admin/organizations.hpp"

#include <gtest/gtest.h>

#include "admin/admin_test_fixture.hpp"

namespace scepter::admin {
namespace {

using OrganizationsTest = AdminFixture;

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

}  // namespace
}  // namespace scepter::admin
