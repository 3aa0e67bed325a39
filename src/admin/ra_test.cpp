#include "admin/ra.hpp"

#include <gtest/gtest.h>

#include "admin/admin_test_fixture.hpp"
#include "crypto/certificate.hpp"

namespace scepter::admin {
namespace {

using RaTest = AdminFixture;

TEST_F(RaTest, IssuesListsAndExportsRsaRaCertificates) {
  RaCertificates ras(*workspace_, actor_);
  auto ra = ras.add("second", "rsa3072");
  ASSERT_TRUE(ra) << ra.error().client_text;
  EXPECT_EQ(ra->name, "second");
  auto all = ras.list();
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2u);  // default-ra from init, and this one

  auto pem = ras.export_certificate("second", Encoding::pem);
  ASSERT_TRUE(pem);
  auto from_pem = crypto::Certificate::from_pem(as_chars(*pem));
  ASSERT_TRUE(from_pem);
  EXPECT_EQ(from_pem->sha256_fingerprint(), ra->fingerprint);
  EXPECT_EQ(from_pem->public_key().bits(), 3072);
  auto der = ras.export_certificate("second", Encoding::der);
  ASSERT_TRUE(der);
  auto from_der = crypto::Certificate::from_der(*der);
  ASSERT_TRUE(from_der);
  EXPECT_EQ(*from_der, *from_pem);
}

TEST_F(RaTest, RefusesOtherKeysDuplicatesAndUnknownNames) {
  RaCertificates ras(*workspace_, actor_);
  expect_error(ras.add("ec", "ec-p256"), ErrorCategory::invalid, "key");
  expect_error(ras.add("small", "rsa1024"), ErrorCategory::invalid, "key");
  expect_error(ras.add("default-ra", "rsa2048"), ErrorCategory::conflict, "name");
  expect_error(ras.export_certificate("nope", Encoding::pem), ErrorCategory::not_found, "ra");
}

}  // namespace
}  // namespace scepter::admin
