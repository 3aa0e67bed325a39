#include "admin/principal.hpp"

#include <gtest/gtest.h>

#include <type_traits>

#include "admin/admin_test_fixture.hpp"
#include "admin/audit.hpp"
#include "admin/scope.hpp"

namespace scepter::admin {
namespace {

// Whose rights an actor has is always stated: there is no default that grants everything.
static_assert(!std::is_default_constructible_v<Actor>);
static_assert(!std::is_constructible_v<Actor, std::string, std::string>);
static_assert(std::is_constructible_v<Actor, std::string, std::string, Principal>);

TEST(RoleTest, ParsesOnlyTheThreeRoles) {
  for (Role role : {Role::mrao, Role::rao, Role::drao}) {
    EXPECT_EQ(parse_role(to_string(role)), role);
  }
  for (std::string_view bad : {"", "MRAO", "admin", "mrao "}) {
    auto parsed = parse_role(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().field, "role");
  }
}

class PrincipalTest : public AdminFixture {};

TEST_F(PrincipalTest, LocalMraoMayDoEverythingTheUnauthenticatedNothing) {
  add_tenant();
  auto acme = workspace_->store().find_organization("Acme");
  ASSERT_TRUE(acme);
  const Principal local = local_mrao("cli:root");
  const Scope everything(workspace_->store(), local);
  EXPECT_TRUE(everything.is_mrao());
  EXPECT_TRUE(everything.require_mrao("x"));
  EXPECT_TRUE(everything.sees_organization(acme->id));

  const Principal nobody = unauthenticated();
  const Scope nothing(workspace_->store(), nobody);
  EXPECT_FALSE(nothing.is_mrao());
  EXPECT_FALSE(nothing.require_mrao("x"));
  EXPECT_FALSE(nothing.sees_organization(acme->id));
  EXPECT_FALSE(nothing.sees_department(acme->id, std::nullopt));
  expect_error(Organizations(*workspace_, {"anonymous", "192.0.2.1", nobody}).add("Evil"),
               ErrorCategory::forbidden);
  auto listed = Organizations(*workspace_, {"anonymous", "192.0.2.1", nobody}).list();
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

}  // namespace
}  // namespace scepter::admin
