#include "admin/auth.hpp"

#include <gtest/gtest.h>

#include "admin/admin_test_fixture.hpp"
#include "admin/validation.hpp"
#include "crypto/random.hpp"

namespace scepter::admin {
namespace {

// The cheapest Argon2id libsodium allows, so that tests do not spend seconds hashing.
const AuthPolicy kTestPolicy{.pwhash_ops = 1, .pwhash_memory = 8192};

class AuthTest : public AdminFixture {
 protected:
  void SetUp() override {
    AdminFixture::SetUp();
    add_tenant();
  }

  Auth auth() { return Auth(*workspace_, kTestPolicy); }

  AdminCreated create(AdminInput input) {
    auto created = auth().create_admin(actor_, input);
    EXPECT_TRUE(created) << created.error().client_text;
    return *created;
  }
};

TEST_F(AuthTest, CreatedAdminLogsInWithItsGeneratedPassword) {
  auto created = create({.name = "rita", .role = "rao", .organization = "Acme"});
  EXPECT_EQ(created.password.size(), 24u);
  EXPECT_TRUE(created.api_token.starts_with("sct_"));
  EXPECT_EQ(created.admin.organization, "Acme");

  auto session = auth().login("rita", created.password, "192.0.2.1");
  ASSERT_TRUE(session) << session.error().client_text;
  EXPECT_TRUE(session->token.starts_with("scs_"));
  EXPECT_EQ(session->expires_at - workspace_->now(), kTestPolicy.session_seconds);
  auto principal = auth().authenticate(session->token);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->name, "rita");
  EXPECT_EQ(principal->role, Role::rao);
  EXPECT_EQ(principal->organization_id, workspace_->store().find_organization("Acme")->id);
  EXPECT_FALSE(principal->department_id);
  EXPECT_TRUE(workspace_->store().find_admin("rita")->last_login_at);
}

TEST_F(AuthTest, SecretsAreStoredOnlyAsDigestsAndNeverAudited) {
  auto created = create({.name = "root", .role = "mrao"});
  auto& store = workspace_->store();
  auto admin = *store.find_admin("root");
  EXPECT_TRUE(admin.password_hash.starts_with("$argon2id$"));
  EXPECT_EQ(admin.password_hash.find(created.password), std::string::npos);
  auto token = store.find_api_token(crypto::sha256(as_bytes(created.api_token)));
  ASSERT_TRUE(token);
  EXPECT_EQ(token->token_digest.size(), 32u);
  for (const auto& event : audit_events()) {
    EXPECT_EQ(event.after.find(created.password), std::string::npos);
    EXPECT_EQ(event.after.find(created.api_token), std::string::npos);
  }
}

TEST_F(AuthTest, ApiTokensAuthenticateUntilRevoked) {
  auto created = create({.name = "ci", .role = "drao", .organization = "Acme", .department = "IT"});
  auto principal = auth().authenticate(created.api_token);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->role, Role::drao);
  EXPECT_TRUE(principal->department_id);
  ASSERT_TRUE(auth().revoke_api_token(actor_, created.token.id));
  expect_error(auth().authenticate(created.api_token), ErrorCategory::unauthorized);
}

TEST_F(AuthTest, ExpiredTokensAndSessionsAreRefused) {
  auto created = create({.name = "root", .role = "mrao"});
  auto& store = workspace_->store();
  const std::string old_token = "sct_" + std::string(40, 'a');
  ASSERT_TRUE(store.create_api_token({.admin_id = created.admin.id,
                                      .name = "old",
                                      .token_digest = crypto::sha256(as_bytes(old_token)),
                                      .created_at = 1,
                                      .expires_at = 2}));
  expect_error(auth().authenticate(old_token), ErrorCategory::unauthorized);
  const std::string old_session = "scs_" + std::string(40, 'b');
  ASSERT_TRUE(store.create_session({.admin_id = created.admin.id,
                                    .token_digest = crypto::sha256(as_bytes(old_session)),
                                    .client_address = "192.0.2.1",
                                    .created_at = 1,
                                    .expires_at = 2}));
  expect_error(auth().authenticate(old_session), ErrorCategory::unauthorized);
  expect_error(auth().authenticate("Bearer nonsense"), ErrorCategory::unauthorized);
  expect_error(auth().authenticate(""), ErrorCategory::unauthorized);
}

TEST_F(AuthTest, WrongPasswordsAreThrottledPerAddressAndUsername) {
  auto created = create({.name = "root", .role = "mrao"});
  for (int attempt = 0; attempt < kTestPolicy.max_login_failures; ++attempt) {
    expect_error(auth().login("root", "wrong", "192.0.2.9"), ErrorCategory::unauthorized);
  }
  expect_error(auth().login("root", created.password, "192.0.2.9"), ErrorCategory::throttled);
  expect_error(auth().login("nobody", "x", "192.0.2.9"), ErrorCategory::unauthorized);
  // Whoever guessed from 192.0.2.9 did not lock root out everywhere.
  EXPECT_TRUE(auth().login("root", created.password, "198.51.100.4"));
}

TEST_F(AuthTest, OneAddressIsThrottledOverEveryUsername) {
  auto created = create({.name = "root", .role = "mrao"});
  for (int attempt = 0; attempt < kTestPolicy.max_login_failures_per_address; ++attempt) {
    expect_error(auth().login("user" + std::to_string(attempt), "wrong", "192.0.2.7"),
                 ErrorCategory::unauthorized);
  }
  expect_error(auth().login("someone-else", "x", "192.0.2.7"), ErrorCategory::throttled);
  expect_error(auth().login("root", created.password, "192.0.2.7"), ErrorCategory::throttled);
  EXPECT_TRUE(auth().login("root", created.password, "192.0.2.8"));
}

TEST_F(AuthTest, AnOverlongUsernameIsAWrongLoginAndCounts) {
  const std::string overlong(kMaxNameLength + 1, 'a');
  for (int attempt = 0; attempt < kTestPolicy.max_login_failures; ++attempt) {
    expect_error(auth().login(overlong, "x", "192.0.2.6"), ErrorCategory::unauthorized);
  }
  expect_error(auth().login(overlong, "x", "192.0.2.6"), ErrorCategory::throttled);
}

TEST_F(AuthTest, AdminInputIsCheckedAgainstTheRole) {
  expect_error(auth().create_admin(actor_, {.name = "a", .role = "root"}), ErrorCategory::invalid,
               "role");
  expect_error(auth().create_admin(actor_, {.name = "a", .role = "rao"}), ErrorCategory::invalid,
               "organization");
  expect_error(auth().create_admin(actor_, {.name = "a", .role = "mrao", .organization = "Acme"}),
               ErrorCategory::invalid, "organization");
  expect_error(auth().create_admin(actor_, {.name = "a", .role = "drao", .organization = "Acme"}),
               ErrorCategory::invalid, "department");
  expect_error(auth().create_admin(actor_, {.name = "a", .role = "rao", .organization = "Nope"}),
               ErrorCategory::not_found, "organization");
  create({.name = "a", .role = "mrao"});
  expect_error(auth().create_admin(actor_, {.name = "a", .role = "mrao"}), ErrorCategory::conflict,
               "name");
}

TEST_F(AuthTest, OnlyAnMraoCreatesAdmins) {
  create({.name = "rita", .role = "rao", .organization = "Acme"});
  auto rita =
      auth().authenticate(create({.name = "r2", .role = "rao", .organization = "Acme"}).api_token);
  ASSERT_TRUE(rita);
  Actor as_rao{"admin:r2", "192.0.2.1", *rita};
  expect_error(auth().create_admin(as_rao, {.name = "x", .role = "mrao"}),
               ErrorCategory::forbidden);
  auto listed = auth().list_admins(as_rao);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().name, "r2");
}

TEST_F(AuthTest, ADisabledAdminIsLockedOutAndEnablingBringsBackOnlyThePassword) {
  auto rita = create({.name = "rita", .role = "rao", .organization = "Acme"});
  auto session = auth().login("rita", rita.password, "192.0.2.1");
  ASSERT_TRUE(session);
  auto disabled = auth().set_admin_disabled(actor_, "rita", true);
  ASSERT_TRUE(disabled) << disabled.error().client_text;
  EXPECT_TRUE(disabled->disabled);
  expect_error(auth().authenticate(rita.api_token), ErrorCategory::unauthorized);
  expect_error(auth().authenticate(session->token), ErrorCategory::unauthorized);
  expect_error(auth().login("rita", rita.password, "192.0.2.1"), ErrorCategory::unauthorized);
  EXPECT_EQ(audit_events().front().action, "admin.disable");

  ASSERT_TRUE(auth().set_admin_disabled(actor_, "rita", false));
  EXPECT_TRUE(auth().login("rita", rita.password, "192.0.2.1"));
  expect_error(auth().authenticate(rita.api_token), ErrorCategory::unauthorized);
  expect_error(auth().authenticate(session->token), ErrorCategory::unauthorized);
  EXPECT_EQ(audit_events().front().action, "admin.enable");
}

TEST_F(AuthTest, OnlyAnMraoDisablesAdminsAndNeverThemselves) {
  create({.name = "rita", .role = "rao", .organization = "Acme"});
  auto root = auth().authenticate(create({.name = "root", .role = "mrao"}).api_token);
  ASSERT_TRUE(root);
  Actor as_root{"admin:root", "192.0.2.1", *root};
  expect_error(auth().set_admin_disabled(as_root, "root", true), ErrorCategory::conflict, "name");
  expect_error(auth().set_admin_disabled(actor_, "nobody", true), ErrorCategory::not_found);
  auto r2 =
      auth().authenticate(create({.name = "r2", .role = "rao", .organization = "Acme"}).api_token);
  ASSERT_TRUE(r2);
  Actor as_rao{"admin:r2", "192.0.2.1", *r2};
  expect_error(auth().set_admin_disabled(as_rao, "rita", true), ErrorCategory::forbidden);
  EXPECT_FALSE(workspace_->store().find_admin("rita")->disabled);
  EXPECT_FALSE(workspace_->store().find_admin("root")->disabled);
}

}  // namespace
}  // namespace scepter::admin
