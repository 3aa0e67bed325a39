#include "crypto/cms_signed.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "crypto/cms_degenerate.hpp"
#include "crypto/cms_enveloped.hpp"
#include "crypto/cms_test_support.hpp"
#include "crypto/handles.hpp"

namespace scepter::crypto {
namespace {

using testing::must;
using testing::shared_identity;

const std::string transaction_oid = "2.16.840.1.113733.1.9.7";
const std::string nonce_oid = "2.16.840.1.113733.1.9.5";
const std::string text_oid = "1.3.6.1.5.5.7.24.1";

std::vector<SignedAttribute> scep_attributes() {
  return {
      {transaction_oid, AttributeEncoding::printable_string, to_bytes("TXN-0123456789")},
      {nonce_oid, AttributeEncoding::octet_string, Bytes(16, 0xA5)},
      {text_oid, AttributeEncoding::utf8_string, to_bytes("caf\xC3\xA9")},
  };
}

Bytes sign(ByteView content, DigestAlg digest = DigestAlg::sha256) {
  const auto& client = shared_identity("client");
  auto attributes = scep_attributes();
  return must(sign_message(content, client.certificate, client.key,
                           {.digest = digest,
                            .attributes = attributes,
                            .signing_time = testing::test_epoch(),
                            .extra_certificates = {}}));
}

class SignedDigests : public ::testing::TestWithParam<DigestAlg> {};

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.1
TEST_P(SignedDigests, RoundTripsContentAttributesAndSigner) {
  auto der = sign(as_bytes("inner envelope"), GetParam());
  auto message = must(parse_signed_message(der));
  EXPECT_EQ(message.digest, GetParam());
  EXPECT_EQ(message.signer, shared_identity("client").certificate);
  EXPECT_EQ(as_chars(message.content), "inner envelope");
  ASSERT_TRUE(message.signing_time);
  EXPECT_EQ(*message.signing_time, testing::test_epoch());
  for (const auto& expected : scep_attributes()) {
    const auto* found = message.attribute(expected.oid);
    ASSERT_NE(found, nullptr) << expected.oid;
    EXPECT_EQ(found->encoding, expected.encoding);
    EXPECT_EQ(found->value, expected.value);
  }
  EXPECT_EQ(message.attribute("1.2.3.4"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(AllDigests, SignedDigests,
                         ::testing::Values(DigestAlg::sha1, DigestAlg::sha256, DigestAlg::sha384,
                                           DigestAlg::sha512));

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2
TEST(SignedMessage, EmptyContentIsEncapsulatedAndVerifies) {
  auto der = sign({});
  CmsHandle cms(d2i_CMS_bio(read_bio(der).get(), nullptr));
  ASSERT_TRUE(cms);
  // A zero-length eContent, not an absent one: certmonger cannot verify the latter.
  EXPECT_EQ(CMS_is_detached(cms.get()), 0);
  EXPECT_TRUE(must(parse_signed_message(der)).content.empty());
}

TEST(SignedMessage, AbsentContentFromOtherSignersStillVerifies) {
  const auto& client = shared_identity("client");
  auto empty = read_bio({});
  CmsHandle cms(CMS_sign(client.certificate.native(), client.key.native(), nullptr, empty.get(),
                         CMS_BINARY | CMS_DETACHED));
  ASSERT_TRUE(cms);
  BioHandle out(BIO_new(BIO_s_mem()));
  ASSERT_EQ(i2d_CMS_bio(out.get(), cms.get()), 1);
  auto message = must(parse_signed_message(bio_contents(out.get())));
  EXPECT_TRUE(message.content.empty());
  EXPECT_EQ(message.signer, client.certificate);
}

TEST(SignedMessage, CarriesExtraCertificatesOnce) {
  const auto& ra = shared_identity("ra");
  std::vector<Certificate> extra{shared_identity("ca").certificate, ra.certificate,
                                 shared_identity("ca").certificate};
  auto der = must(sign_message(as_bytes("x"), ra.certificate, ra.key,
                               {.digest = DigestAlg::sha256,
                                .attributes = {},
                                .signing_time = std::nullopt,
                                .extra_certificates = extra}));
  auto bag = must(read_certificate_bag(der));
  EXPECT_EQ(bag.certificates.size(), 2u);
  EXPECT_EQ(must(parse_signed_message(der)).signer, ra.certificate);
}

TEST(SignedMessage, TamperedSignedAttributeFailsTheSignature) {
  auto der = sign(as_bytes("content"));
  auto marker = to_bytes("TXN-0123456789");
  auto at = std::search(der.begin(), der.end(), marker.begin(), marker.end());
  ASSERT_NE(at, der.end());
  at[4] = 'X';
  auto parsed = parse_signed_message(der);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().category, ErrorCategory::bad_message_check);
}

TEST(SignedMessage, TamperedContentFailsTheDigest) {
  auto der = sign(as_bytes("original content"));
  auto marker = to_bytes("original");
  auto at = std::search(der.begin(), der.end(), marker.begin(), marker.end());
  ASSERT_NE(at, der.end());
  *at = 'O';
  auto parsed = parse_signed_message(der);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().category, ErrorCategory::bad_message_check);
}

TEST(SignedMessage, GarbageIsBadRequest) {
  auto der = sign(as_bytes("content"));
  std::vector<Bytes> inputs{{},
                            {0x30},
                            {0x30, 0x80, 0x00, 0x00},
                            to_bytes("not der at all"),
                            Bytes(der.begin(), der.begin() + static_cast<long>(der.size() / 2)),
                            Bytes(der.begin(), der.end() - 1)};
  auto trailing = der;
  trailing.push_back(0);
  inputs.push_back(trailing);
  for (const auto& input : inputs) {
    auto parsed = parse_signed_message(input);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().category, ErrorCategory::bad_request);
  }
}

TEST(SignedMessage, OtherContentTypesAreBadRequest) {
  const auto& ra = shared_identity("ra");
  auto envelope = must(seal_envelope(as_bytes("x"), ra.certificate, {}));
  EXPECT_EQ(parse_signed_message(envelope).error().category, ErrorCategory::bad_request);
  auto degenerate = must(degenerate_signed_data(std::vector{ra.certificate}));
  EXPECT_EQ(parse_signed_message(degenerate).error().category, ErrorCategory::bad_request);
}

}  // namespace
}  // namespace scepter::crypto
