#include "crypto/cms_enveloped.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "crypto/cms_test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::must;
using testing::shared_identity;

struct EnvelopeCase {
  ContentCipher cipher;
  KeyTransport transport;
  DigestAlg oaep_digest;
};

class EnvelopeAlgorithmsTest : public ::testing::TestWithParam<EnvelopeCase> {};

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.2
TEST_P(EnvelopeAlgorithmsTest, RoundTripsAndReportsTheAlgorithms) {
  const auto& ra = shared_identity("ra");
  EnvelopeAlgorithms algorithms{GetParam().cipher, GetParam().transport, GetParam().oaep_digest};
  auto content = to_bytes("a PKCS#10 request, or anything else");
  auto der = must(seal_envelope(content, ra.certificate, algorithms));
  auto opened = must(open_envelope(der, ra.certificate, ra.key));
  EXPECT_EQ(opened.content, content);
  EXPECT_EQ(opened.algorithms, algorithms)
      << to_string(opened.algorithms.cipher) << " " << to_string(opened.algorithms.key_transport);
}

INSTANTIATE_TEST_SUITE_P(
    AllCiphers, EnvelopeAlgorithmsTest,
    ::testing::Values(
        EnvelopeCase{ContentCipher::aes128_cbc, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1},
        EnvelopeCase{ContentCipher::aes192_cbc, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1},
        EnvelopeCase{ContentCipher::aes256_cbc, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1},
        EnvelopeCase{ContentCipher::des_ede3_cbc, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1},
        EnvelopeCase{ContentCipher::des_cbc, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1},
        EnvelopeCase{ContentCipher::aes128_cbc, KeyTransport::rsa_oaep, DigestAlg::sha1},
        EnvelopeCase{ContentCipher::aes256_cbc, KeyTransport::rsa_oaep, DigestAlg::sha256},
        EnvelopeCase{ContentCipher::des_cbc, KeyTransport::rsa_oaep, DigestAlg::sha512}));

TEST(Envelope, EncryptedToAnotherCertificateIsNotOurs) {
  const auto& ra = shared_identity("ra");
  const auto& other = shared_identity("other-ra");
  auto der = must(seal_envelope(as_bytes("x"), other.certificate, {}));
  auto opened = open_envelope(der, ra.certificate, ra.key);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().category, ErrorCategory::bad_cert_id);
  EXPECT_EQ(opened.error().client_text, not_our_recipient_text);
}

TEST(Envelope, WrongPrivateKeyDoesNotDecrypt) {
  const auto& ra = shared_identity("ra");
  auto der = must(seal_envelope(as_bytes("x"), ra.certificate, {}));
  auto opened = open_envelope(der, ra.certificate, shared_identity("other-ra").key);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().category, ErrorCategory::bad_message_check);
}

TEST(Envelope, UnsupportedContentCipherIsBadAlg) {
  const auto& ra = shared_identity("ra");
  auto der = must(seal_envelope(as_bytes("x"), ra.certificate,
                                {ContentCipher::aes256_cbc, KeyTransport::rsa_pkcs1_v15}));
  // id-aes256-CBC is 2.16.840.1.101.3.4.1.42; .44 is id-aes256-CFB.
  const Bytes cbc{0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2A};
  auto at = std::search(der.begin(), der.end(), cbc.begin(), cbc.end());
  ASSERT_NE(at, der.end());
  at[10] = 0x2C;
  auto opened = open_envelope(der, ra.certificate, ra.key);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().category, ErrorCategory::bad_alg);
}

TEST(Envelope, CorruptedCiphertextIsBadMessageCheck) {
  const auto& ra = shared_identity("ra");
  auto der = must(seal_envelope(Bytes(64, 0x11), ra.certificate, {}));
  der[der.size() - 3] ^= 0xFF;  // last ciphertext block: the padding no longer checks out
  auto opened = open_envelope(der, ra.certificate, ra.key);
  if (opened) {
    EXPECT_NE(opened->content, Bytes(64, 0x11));  // padding can pass by chance; content cannot
  } else {
    EXPECT_EQ(opened.error().category, ErrorCategory::bad_message_check);
  }
}

TEST(Envelope, GarbageIsBadRequest) {
  const auto& ra = shared_identity("ra");
  auto der = must(seal_envelope(as_bytes("x"), ra.certificate, {}));
  std::vector<Bytes> inputs{{},
                            {0x30, 0x03, 0x02, 0x01, 0x00},
                            to_bytes("garbage"),
                            Bytes(der.begin(), der.begin() + 40)};
  for (const auto& input : inputs) {
    auto opened = open_envelope(input, ra.certificate, ra.key);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().category, ErrorCategory::bad_request);
  }
}

}  // namespace
}  // namespace scepter::crypto
