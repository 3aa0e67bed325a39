#include "crypto/cms_client_request.hpp"

#include <gtest/gtest.h>

#include "crypto/cms_test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::must;
using testing::shared_identity;

TEST(BuildCsr, CarriesSubjectChallengeAndAltNames) {
  const auto& client = shared_identity("client");
  CsrSpec spec{.subject = {{"O", "Example"}, {"CN", "device-1"}},
               .challenge_password = "Secret123",
               .alt_names = {{SanType::dns, "device-1.example.com"}},
               .digest = DigestAlg::sha256};
  auto csr = must(build_csr(spec, client.key));
  auto parsed = must(Csr::from_der(csr.der()));
  EXPECT_TRUE(parsed.verify_signature());
  EXPECT_EQ(parsed.subject(), spec.subject);
  EXPECT_EQ(parsed.challenge_password(), "Secret123");
  EXPECT_EQ(parsed.requested_alt_names(), spec.alt_names);
  EXPECT_EQ(parsed.public_key(), client.key.public_key());
}

TEST(BuildCsr, RejectsUnknownNameAttributes) {
  CsrSpec spec;
  spec.subject = {{"notAnAttribute", "x"}};
  auto csr = build_csr(spec, shared_identity("client").key);
  ASSERT_FALSE(csr);
  EXPECT_EQ(csr.error().field, "subject");
}

}  // namespace
}  // namespace scepter::crypto
