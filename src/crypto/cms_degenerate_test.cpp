#include "crypto/cms_degenerate.hpp"

#include <gtest/gtest.h>

#include "crypto/cms_test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::must;
using testing::shared_identity;

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.4
TEST(Degenerate, KeepsCertificateOrder) {
  // Several orders, because a DER SET OF encoder would sort and only sometimes agree.
  std::vector<Certificate> certificates{shared_identity("zz").certificate,
                                        shared_identity("aa").certificate,
                                        shared_identity("mm").certificate};
  for (int rotation = 0; rotation < 3; ++rotation) {
    std::rotate(certificates.begin(), certificates.begin() + 1, certificates.end());
    auto bag = must(read_certificate_bag(must(degenerate_signed_data(certificates))));
    EXPECT_EQ(bag.certificates, certificates);
    EXPECT_TRUE(bag.crls.empty());
  }
}

TEST(Degenerate, CarriesCrlsWithoutCertificates) {
  const auto& ca = shared_identity("ca");
  CrlSpec spec{.entries = {{.serial = {0x01, 0x02},
                            .revoked_at = testing::test_epoch(),
                            .reason = RevocationReason::key_compromise}},
               .this_update = testing::test_epoch(),
               .next_update = testing::test_epoch() + std::chrono::hours(24),
               .crl_number = {0x05},
               .digest = DigestAlg::sha256};
  auto crl = must(issue_crl(spec, ca.certificate, ca.key));
  auto der = must(degenerate_signed_data({}, std::vector{crl}));
  auto bag = must(read_certificate_bag(der));
  EXPECT_TRUE(bag.certificates.empty());
  ASSERT_EQ(bag.crls.size(), 1u);
  EXPECT_EQ(bag.crls[0].der(), crl.der());
}

TEST(Degenerate, HasNoContentAndNoSigners) {
  auto der = must(degenerate_signed_data(std::vector{shared_identity("ca").certificate}));
  // ContentInfo { signedData, [0] { SignedData { version 1, digestAlgorithms {},
  // encapContentInfo { id-data } (no eContent), [0] certificates ..., signerInfos {} } } }
  const Bytes data_only{0x30, 0x0B, 0x06, 0x09, 0x2A, 0x86, 0x48,
                        0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01};
  EXPECT_NE(std::search(der.begin(), der.end(), data_only.begin(), data_only.end()), der.end());
  EXPECT_EQ(der[der.size() - 2], 0x31);  // empty signerInfos SET last
  EXPECT_EQ(der[der.size() - 1], 0x00);
}

TEST(Degenerate, GarbageIsBadRequest) {
  for (const auto& input : std::vector<Bytes>{{}, {0x30, 0x00}, to_bytes("certificates")}) {
    auto bag = read_certificate_bag(input);
    ASSERT_FALSE(bag);
    EXPECT_EQ(bag.error().category, ErrorCategory::bad_request);
  }
}

}  // namespace
}  // namespace scepter::crypto
