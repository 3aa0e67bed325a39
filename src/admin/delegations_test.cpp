#include "admin/delegations.hpp"

#include <gtest/gtest.h>

#include "admin/admin_test_fixture.hpp"
#include "admin/delegation_coverage.hpp"

namespace scepter::admin {
namespace {

TEST(DelegationCoverageTest, GeneralCoversAllCustomizedOnlyItsTargets) {
  constexpr store::Id acme = 1, other = 2, it = 10, hr = 11;
  const std::vector<store::Delegation> acme_it = {{.organization_id = acme, .department_id = it}};
  const std::vector<store::Delegation> whole_acme = {{.organization_id = acme}};

  EXPECT_TRUE(delegation_covers("general", {}, other, std::nullopt));
  EXPECT_TRUE(delegation_covers("customized", acme_it, acme, it));
  EXPECT_FALSE(delegation_covers("customized", acme_it, acme, hr));
  EXPECT_FALSE(delegation_covers("customized", acme_it, other, it));
  // A department target does not cover its organization as a whole (none, or 0 for accounts).
  EXPECT_FALSE(delegation_covers("customized", acme_it, acme, std::nullopt));
  EXPECT_FALSE(delegation_covers("customized", acme_it, acme, 0));
  // A whole organization covers every department of it and itself.
  EXPECT_TRUE(delegation_covers("customized", whole_acme, acme, hr));
  EXPECT_TRUE(delegation_covers("customized", whole_acme, acme, std::nullopt));
  EXPECT_FALSE(delegation_covers("customized", whole_acme, other, std::nullopt));
  EXPECT_FALSE(delegation_covers("customized", {}, acme, it));
}

class DelegationsTest : public AdminFixture {
 protected:
  void SetUp() override {
    AdminFixture::SetUp();
    add_tenant();
    add_scep_endpoint("clients");
  }
  Delegations delegations() { return Delegations(*workspace_, actor_); }
};

TEST_F(DelegationsTest, NarrowingIsRefusedWhileAccountsWouldBeLeftOut) {
  add_account("clients", "alice");  // Acme/IT
  auto sales = Accounts(*workspace_, actor_)
                   .add({.endpoint = "clients",
                         .name = "sam",
                         .organization = "Other",
                         .department = "Sales",
                         .profile = "clients"});
  ASSERT_TRUE(sales) << sales.error().client_text;

  auto refused = delegations().set("clients", "customized", {{.organization = "Acme"}});
  expect_error(refused, ErrorCategory::conflict, "targets");
  EXPECT_EQ(refused.error().client_text,
            "the delegation leaves out account 'sam' of endpoint 'clients'; delegate to their "
            "tenants or delete them first");
  auto it_only =
      delegations().set("clients", "customized", {{.organization = "Acme", .department = "IT"}});
  expect_error(it_only, ErrorCategory::conflict, "targets");
  auto shown = delegations().show("clients");
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->mode, "general");  // nothing changed

  EXPECT_TRUE(
      delegations().set("clients", "customized",
                        {{.organization = "Acme", .department = "IT"}, {.organization = "Other"}}));
  ASSERT_TRUE(Accounts(*workspace_, actor_).remove("clients", "sam"));
  EXPECT_TRUE(delegations().set("clients", "customized", {{.organization = "Acme"}}));
  EXPECT_TRUE(delegations().set("clients", "general", {}));
}

}  // namespace
}  // namespace scepter::admin
