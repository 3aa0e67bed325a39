#include "admin/init.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "admin/admin_test_fixture.hpp"
#include "crypto/certificate.hpp"

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
                           {"cli:root", "local"});
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

}  // namespace
}  // namespace scepter::admin
