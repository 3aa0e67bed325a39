#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/test_support.hpp"

namespace scepter::store {
namespace {

using testing::fails_with;
using testing::ok;
using testing::TempDatabase;

class SqliteAdminsTest : public ::testing::Test {
 protected:
  SqliteAdminsTest() : store(ok(open_sqlite_store(db.path()))) {}

  Admin add_admin(std::string name) {
    return ok(store->create_admin({.username = std::move(name),
                                   .password_hash = "$argon2id$placeholder",
                                   .role = "mrao",
                                   .created_at = 10}));
  }

  TempDatabase db;
  std::unique_ptr<Store> store;
};

TEST_F(SqliteAdminsTest, AdminsAreFoundByIdAndUsername) {
  auto org = ok(store->create_organization({.name = "Acme", .created_at = 1}));
  auto rao = ok(store->create_admin({.username = "rita",
                                     .password_hash = "h",
                                     .role = "rao",
                                     .organization_id = org.id,
                                     .created_at = 5}));
  EXPECT_EQ(ok(store->get_admin(rao.id)).username, "rita");
  auto found = ok(store->find_admin("rita"));
  EXPECT_EQ(found.organization_id, org.id);
  EXPECT_FALSE(found.department_id);
  EXPECT_FALSE(found.last_login_at);
  ok(store->record_login(rao.id, 77));
  EXPECT_EQ(ok(store->get_admin(rao.id)).last_login_at, 77);
  EXPECT_EQ(ok(store->list_admins()).size(), 1u);
}

TEST_F(SqliteAdminsTest, UsernameIsUniqueAndMissingAdminsAreNotFound) {
  add_admin("root");
  EXPECT_TRUE(
      fails_with(store->create_admin(
                     {.username = "root", .password_hash = "h", .role = "mrao", .created_at = 1}),
                 ErrorCategory::conflict, "username"));
  EXPECT_TRUE(fails_with(store->find_admin("nobody"), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->record_login(999, 1), ErrorCategory::not_found));
}

TEST_F(SqliteAdminsTest, TokensAreFoundByDigestAndRevokedOnce) {
  auto admin = add_admin("root");
  auto token = ok(store->create_api_token({.admin_id = admin.id,
                                           .name = "ci",
                                           .token_digest = Bytes(32, 0xAB),
                                           .created_at = 10,
                                           .expires_at = 1000}));
  EXPECT_EQ(ok(store->find_api_token(Bytes(32, 0xAB))).id, token.id);
  EXPECT_TRUE(fails_with(store->find_api_token(Bytes(32, 0xCD)), ErrorCategory::not_found));
  ok(store->revoke_api_token(token.id, 20));
  ok(store->revoke_api_token(token.id, 30));
  EXPECT_EQ(ok(store->find_api_token(Bytes(32, 0xAB))).revoked_at, 20);
  EXPECT_TRUE(fails_with(store->revoke_api_token(999, 1), ErrorCategory::not_found));
  EXPECT_EQ(ok(store->list_api_tokens(admin.id)).size(), 1u);
  EXPECT_EQ(ok(store->list_api_tokens(std::nullopt)).size(), 1u);
  EXPECT_TRUE(ok(store->list_api_tokens(admin.id + 1)).empty());
  EXPECT_TRUE(fails_with(store->create_api_token({.admin_id = admin.id,
                                                  .name = "again",
                                                  .token_digest = Bytes(32, 0xAB),
                                                  .created_at = 11}),
                         ErrorCategory::conflict, "token_digest"));
}

TEST_F(SqliteAdminsTest, SessionsExpireAndArePrunedByLaterLogins) {
  auto admin = add_admin("root");
  ok(store->create_session({.admin_id = admin.id,
                            .token_digest = Bytes(32, 1),
                            .client_address = "192.0.2.1",
                            .created_at = 100,
                            .expires_at = 200}));
  EXPECT_EQ(ok(store->find_session(Bytes(32, 1))).expires_at, 200);
  ok(store->create_session({.admin_id = admin.id,
                            .token_digest = Bytes(32, 2),
                            .client_address = "192.0.2.1",
                            .created_at = 300,
                            .expires_at = 400}));
  EXPECT_TRUE(fails_with(store->find_session(Bytes(32, 1)), ErrorCategory::not_found));
  ok(store->delete_session(Bytes(32, 2)));
  EXPECT_TRUE(fails_with(store->find_session(Bytes(32, 2)), ErrorCategory::not_found));
}

}  // namespace
}  // namespace scepter::store
