#include "admin/workspace.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "admin/admin_test_fixture.hpp"
#include "crypto/certificate.hpp"

namespace scepter::admin {
namespace {

TEST(WorkspaceOpen, WithoutCreateAnEmptyDirectoryIsNotFound) {
  const auto dir = fresh_temp_dir("scepter-ws-test-");
  auto opened = Workspace::open(dir, false);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().category, ErrorCategory::not_found);
  EXPECT_EQ(opened.error().client_text,
            "no scepter data in " + dir.string() + ": run `scepter init`");
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(WorkspaceOpen, CreatesAPrivateMasterKeyThatSurvivesReopening) {
  const auto dir = fresh_temp_dir("scepter-ws-test-");
  Bytes first_digest;
  {
    auto created = Workspace::open(dir, true);
    ASSERT_TRUE(created) << created.error().log_text;
    first_digest = (*created)->access_codes().digest("SameCode1234");
  }
  struct stat info {};
  ASSERT_EQ(::stat((dir / "master.key").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  std::ifstream key_file(dir / "master.key");
  std::string key_hex;
  key_file >> key_hex;
  EXPECT_EQ(key_hex.size(), 64u);

  auto reopened = Workspace::open(dir, false);
  ASSERT_TRUE(reopened) << reopened.error().log_text;
  EXPECT_EQ((*reopened)->access_codes().digest("SameCode1234"), first_digest);
  EXPECT_NE((*reopened)->access_codes().digest("OtherCode1234"), first_digest);
  reopened->reset();
  std::filesystem::remove_all(dir);
}

TEST(WorkspaceOpen, RefusesACorruptMasterKey) {
  const auto dir = fresh_temp_dir("scepter-ws-test-");
  ASSERT_TRUE(Workspace::open(dir, true));
  std::ofstream(dir / "master.key", std::ios::trunc) << "not hex\n";
  auto reopened = Workspace::open(dir, false);
  ASSERT_FALSE(reopened);
  EXPECT_EQ(reopened.error().category, ErrorCategory::internal);
  std::filesystem::remove_all(dir);
}

TEST(WorkspaceOpen, NeverReplacesALostMasterKey) {
  const auto dir = fresh_temp_dir("scepter-ws-test-");
  ASSERT_TRUE(Workspace::open(dir, true));
  std::filesystem::remove(dir / "master.key");
  for (bool create : {false, true}) {
    auto reopened = Workspace::open(dir, create);
    ASSERT_FALSE(reopened);
    EXPECT_EQ(reopened.error().category, ErrorCategory::internal);
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "master.key"));
  std::filesystem::remove_all(dir);
}

using WorkspaceTest = AdminFixture;

TEST_F(WorkspaceTest, PublicBaseUrlDefaultsAndPersists) {
  EXPECT_EQ(workspace_->public_base_url(), "http://127.0.0.1:8080");
  ASSERT_TRUE(workspace_->set_public_base_url("https://scep.example.com/"));
  EXPECT_EQ(workspace_->public_base_url(), "https://scep.example.com");
  auto reopened = Workspace::open(dir_, false);
  ASSERT_TRUE(reopened);
  EXPECT_EQ((*reopened)->public_base_url(), "https://scep.example.com");
}

TEST_F(WorkspaceTest, ADerivedUrlServesUntilAnOperatorConfiguresOne) {
  auto& pki = workspace_->pki();
  ASSERT_TRUE(workspace_->set_derived_public_base_url("http://127.0.0.1:40123/"));
  EXPECT_EQ(workspace_->public_base_url(), "http://127.0.0.1:40123");
  EXPECT_FALSE(workspace_->public_base_url_configured());
  EXPECT_EQ(&workspace_->pki(), &pki);  // references taken before stay valid
  EXPECT_EQ(pki.crl_url(7), "http://127.0.0.1:40123/crl/7.crl");
  expect_error(workspace_->set_derived_public_base_url("ftp://x"), ErrorCategory::invalid,
               "public_base_url");
  // Another process (the CLI approving a request) names the same server.
  auto other = Workspace::open(dir_, false);
  ASSERT_TRUE(other);
  EXPECT_EQ((*other)->pki().crl_url(7), "http://127.0.0.1:40123/crl/7.crl");
  // The next start replaces it; an operator's URL wins over every derived one.
  ASSERT_TRUE(workspace_->set_derived_public_base_url("http://127.0.0.1:40999"));
  ASSERT_TRUE(workspace_->set_public_base_url("https://scep.example.com"));
  ASSERT_TRUE(workspace_->set_derived_public_base_url("http://127.0.0.1:41000"));
  EXPECT_EQ(workspace_->public_base_url(), "https://scep.example.com");
  EXPECT_EQ(pki.crl_url(7), "https://scep.example.com/crl/7.crl");
  auto reopened = Workspace::open(dir_, false);
  ASSERT_TRUE(reopened);
  EXPECT_EQ((*reopened)->public_base_url(), "https://scep.example.com");
  EXPECT_TRUE((*reopened)->public_base_url_configured());
}

TEST_F(WorkspaceTest, PublicBaseUrlMustBeHttp) {
  for (const char* bad : {"", "ftp://x", "http://", "scep.example.com", "http://a b"}) {
    auto set = workspace_->set_public_base_url(bad);
    expect_error(set, ErrorCategory::invalid, "public_base_url");
  }
  EXPECT_EQ(workspace_->public_base_url(), "http://127.0.0.1:8080");
}

}  // namespace
}  // namespace scepter::admin
