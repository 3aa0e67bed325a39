#include "admin/ca_admin.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "admin/admin_test_fixture.hpp"
#include "crypto/certificate.hpp"
#include "crypto/issue.hpp"

namespace scepter::admin {
namespace {

using CaAdminTest = AdminFixture;

TEST_F(CaAdminTest, ShowsRootAndIssuingCa) {
  CaAdmin ca(*workspace_, actor_);
  auto overview = ca.show();
  ASSERT_TRUE(overview) << overview.error().client_text;
  EXPECT_EQ(overview->root.role, "root");
  EXPECT_THAT(overview->root.subject, ::testing::StartsWith("CN=scepter Root CA"));
  EXPECT_EQ(overview->root.path, workspace_->root_ca_path().string());
  EXPECT_EQ(overview->issuing.role, "issuing");
  EXPECT_THAT(overview->issuing.subject, ::testing::StartsWith("CN=scepter Issuing CA"));
  EXPECT_FALSE(overview->next);
  auto issuing = crypto::Certificate::from_pem(overview->issuing.pem);
  ASSERT_TRUE(issuing);
  EXPECT_EQ(issuing->sha256_fingerprint(), overview->issuing.fingerprint);
  EXPECT_EQ(issuing->serial_hex(), overview->issuing.serial);
}

TEST_F(CaAdminTest, RolloverThenActivateRepublishesTheChain) {
  CaAdmin ca(*workspace_, actor_);
  const auto old_issuing = ca.show()->issuing;
  expect_error(ca.activate_next(), ErrorCategory::not_found);
  expect_error(ca.rollover("rsa1000"), ErrorCategory::invalid, "key");

  auto next = ca.rollover("");
  ASSERT_TRUE(next) << next.error().client_text;
  EXPECT_EQ(next->role, "next");
  expect_error(ca.rollover(""), ErrorCategory::conflict);
  auto overview = ca.show();
  ASSERT_TRUE(overview);
  ASSERT_TRUE(overview->next);
  EXPECT_EQ(overview->next->fingerprint, next->fingerprint);

  auto active = ca.activate_next();
  ASSERT_TRUE(active) << active.error().client_text;
  EXPECT_EQ(active->fingerprint, next->fingerprint);
  EXPECT_NE(active->fingerprint, old_issuing.fingerprint);
  std::ifstream chain_file(workspace_->chain_path());
  std::stringstream chain_text;
  chain_text << chain_file.rdbuf();
  auto chain = crypto::Certificate::bundle_from_pem(chain_text.str());
  ASSERT_TRUE(chain);
  EXPECT_EQ((*chain)[0].sha256_fingerprint(), next->fingerprint);
}

TEST_F(CaAdminTest, CrlInPemAndDer) {
  CaAdmin ca(*workspace_, actor_);
  auto pem = ca.crl(Encoding::pem);
  ASSERT_TRUE(pem) << pem.error().client_text << pem.error().log_text;
  EXPECT_TRUE(as_chars(*pem).starts_with("-----BEGIN X509 CRL-----"));
  auto der = ca.crl(Encoding::der);
  ASSERT_TRUE(der);
  EXPECT_TRUE(crypto::Crl::from_der(*der));
}

}  // namespace
}  // namespace scepter::admin
