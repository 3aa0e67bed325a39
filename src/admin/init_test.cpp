#include "admin/init.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>

#include "admin/admin_test_fixture.hpp"
#include "crypto/certificate.hpp"
#include "crypto/pkcs11_key.hpp"
#include "crypto/softhsm_test_support.hpp"

namespace scepter::admin {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

using InitTest = AdminFixture;

TEST_F(InitTest, PublishesRootAndChainAndADefaultRa) {
  auto root = crypto::Certificate::from_pem(read_file(workspace_->root_ca_path()));
  ASSERT_TRUE(root);
  EXPECT_TRUE(root->is_self_issued());
  EXPECT_THAT(root->subject_text(), ::testing::StartsWith("CN=scepter Root CA"));

  auto chain = crypto::Certificate::bundle_from_pem(read_file(workspace_->chain_path()));
  ASSERT_TRUE(chain);
  ASSERT_EQ(chain->size(), 2u);
  EXPECT_TRUE((*chain)[0].is_signed_by(*root));
  EXPECT_EQ((*chain)[1], *root);

  auto ra = workspace_->store().find_ra_certificate("default-ra");
  ASSERT_TRUE(ra);
  EXPECT_EQ(ra->ca_id, workspace_->pki().issuing_ca()->record.id);
}

TEST_F(InitTest, SecondInitializationIsAConflict) {
  auto again = initialize(*workspace_, {}, actor_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().category, ErrorCategory::conflict);
  EXPECT_EQ(again.error().client_text, "already initialized");
}

TEST(InitDemo, CreatesAWorkingEndpointAndAccount) {
  const auto dir = fresh_temp_dir("scepter-init-test-");
  auto workspace = Workspace::open(dir, true);
  ASSERT_TRUE(workspace);
  auto& ws = **workspace;
  auto result = initialize(ws,
                           {.demo = true,
                            .ca_key = {crypto::KeyType::ec, 256},
                            .public_base_url = "https://scep.example.com"},
                           {"cli:root", "local", local_mrao("cli:root")});
  ASSERT_TRUE(result) << result.error().client_text << result.error().log_text;
  EXPECT_EQ(result->scep_url, "https://scep.example.com/scep/demo");
  EXPECT_EQ(result->ca_certificate_path, (dir / "ca" / "root.pem").string());
  EXPECT_EQ(result->access_code.size(), ca::AccessCodes::kGeneratedLength);

  auto endpoint = ws.store().find_endpoint("demo");
  ASSERT_TRUE(endpoint);
  EXPECT_EQ(endpoint->name, "Demo SCEP");
  EXPECT_EQ(endpoint->cert_type, "device");
  EXPECT_EQ(endpoint->getcacert_format, "chain-cms");
  EXPECT_EQ(endpoint->getcert_format, "single");
  auto holder =
      ws.store().find_account_by_code(endpoint->id, ws.access_codes().digest(result->access_code));
  ASSERT_TRUE(holder);
  ASSERT_TRUE(holder->has_value());
  EXPECT_EQ((*holder)->name, "demo-account");
  EXPECT_TRUE(ws.store().find_profile("client-default"));
  EXPECT_TRUE(ws.store().find_profile("device-default"));

  workspace->reset();
  std::filesystem::remove_all(dir);
}

TEST(InitToken, GeneratesTheCaAndRaKeysInTheToken) {
  const auto& hsm = crypto::testing::SoftHsm::instance();
  ASSERT_TRUE(hsm.ready());
  crypto::configure_pkcs11(
      {.module_path = crypto::testing::kSoftHsmModule, .pin_env = "SCEPTER_TEST_PKCS11_PIN"});
  setenv("SCEPTER_TEST_PKCS11_PIN", crypto::testing::kUserPin, 1);
  const auto dir = fresh_temp_dir("scepter-init-token-test-");
  auto workspace = Workspace::open(dir, true);
  ASSERT_TRUE(workspace);
  auto& ws = **workspace;
  auto result = initialize(ws,
                           {.ca_key = {crypto::KeyType::ec, 256},
                            .ra_key = {crypto::KeyType::rsa, 2048},
                            .key_token_uri = hsm.token_uri()},
                           {"cli:root", "local", local_mrao("cli:root")});
  ASSERT_TRUE(result) << result.error().client_text << result.error().log_text;

  auto cas = ws.store().list_cas();
  ASSERT_TRUE(cas);
  ASSERT_EQ(cas->size(), 2u);
  for (const auto& ca : *cas) {
    EXPECT_THAT(ca.key_ref, ::testing::StartsWith("pkcs11:token=scepter-test;id=")) << ca.role;
    EXPECT_THAT(ca.key_ref, ::testing::HasSubstr("?module-path=")) << ca.role;
  }
  auto ra = ws.store().find_ra_certificate("default-ra");
  ASSERT_TRUE(ra);
  EXPECT_THAT(ra->key_ref, ::testing::StartsWith("pkcs11:token=scepter-test;id="));
  EXPECT_THAT(ra->key_ref, ::testing::HasSubstr("object=ra-default-ra"));
  // Keys made after init (rollover) go to the same token.
  auto next = ws.pki().prepare_rollover({crypto::KeyType::ec, 256});
  ASSERT_TRUE(next) << next.error().log_text;
  EXPECT_THAT(next->record.key_ref, ::testing::StartsWith("pkcs11:"));

  workspace->reset();
  std::filesystem::remove_all(dir);
}

TEST(InitToken, PinInTheTokenUriIsRefused) {
  const auto dir = fresh_temp_dir("scepter-init-token-test-");
  auto workspace = Workspace::open(dir, true);
  ASSERT_TRUE(workspace);
  auto result = initialize(**workspace, {.key_token_uri = "pkcs11:token=t?pin-value=1234"},
                           {"cli:root", "local", local_mrao("cli:root")});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().field, "pkcs11_token_uri");
  EXPECT_TRUE((*workspace)->store().list_cas()->empty());
  workspace->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace scepter::admin
