#include "crypto/cms_identifiers.hpp"

#include <gtest/gtest.h>

#include "crypto/cms_test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::must;
using testing::shared_identity;

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.4
TEST(IssuerAndSerial, RoundTrips) {
  const auto& certificate = shared_identity("ca").certificate;
  auto der = must(encode_issuer_and_serial(certificate.issuer_der(), certificate.serial()));
  auto parsed = must(parse_issuer_and_serial(der));
  EXPECT_EQ(parsed.issuer_der, certificate.issuer_der());
  EXPECT_EQ(parsed.serial, certificate.serial());
}

TEST(IssuerAndSerial, RejectsBadInput) {
  const auto& certificate = shared_identity("ca").certificate;
  EXPECT_EQ(parse_issuer_and_serial(to_bytes("x")).error().category, ErrorCategory::bad_request);
  EXPECT_EQ(parse_issuer_and_serial({}).error().category, ErrorCategory::bad_request);
  EXPECT_EQ(encode_issuer_and_serial(to_bytes("not a name"), Bytes{1}).error().category,
            ErrorCategory::bad_request);
  EXPECT_FALSE(encode_issuer_and_serial(certificate.issuer_der(), Bytes{}));
  auto der = must(encode_issuer_and_serial(certificate.issuer_der(), Bytes{7}));
  der.push_back(0);
  EXPECT_EQ(parse_issuer_and_serial(der).error().category, ErrorCategory::bad_request);
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.3
TEST(IssuerAndSubject, RoundTripsWithNames) {
  const auto& certificate = shared_identity("ca").certificate;
  auto der = must(encode_issuer_and_subject(certificate.issuer_der(), certificate.subject_der()));
  auto parsed = must(parse_issuer_and_subject(der));
  EXPECT_EQ(parsed.issuer_der, certificate.issuer_der());
  EXPECT_EQ(parsed.subject_der, certificate.subject_der());
  EXPECT_EQ(parsed.subject, certificate.subject());
  EXPECT_EQ(parsed.issuer, certificate.issuer());
}

TEST(IssuerAndSubject, RejectsBadInput) {
  const auto& certificate = shared_identity("ca").certificate;
  auto der = must(encode_issuer_and_subject(certificate.issuer_der(), certificate.subject_der()));
  std::vector<Bytes> inputs{{},
                            {0x30, 0x00},
                            {0x31, 0x00},
                            {0x30, 0x80, 0x00, 0x00},
                            Bytes(der.begin(), der.end() - 1),
                            to_bytes("x")};
  auto trailing = der;
  trailing.push_back(0);
  inputs.push_back(trailing);
  for (const auto& input : inputs) {
    auto parsed = parse_issuer_and_subject(input);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().category, ErrorCategory::bad_request);
  }
}

}  // namespace
}  // namespace scepter::crypto
