#include "crypto/certificate.hpp"

#include <gtest/gtest.h>

#include "crypto/der.hpp"
#include "crypto/handles.hpp"
#include "crypto/issue.hpp"
#include "crypto/public_key_operations.hpp"
#include "crypto/random.hpp"
#include "crypto/test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::ca_spec;
using testing::leaf_spec;
using testing::test_key;

Certificate self_signed(const char* name, std::uint8_t id) {
  const auto& key = test_key("ec-p256");
  return issue_certificate(ca_spec(name, key, id), nullptr, key).value();
}

TEST(Certificate, DerAndPemRoundTrip) {
  auto cert = self_signed("Round Trip", 1);
  auto der = cert.der();
  auto from_der = Certificate::from_der(der);
  ASSERT_TRUE(from_der);
  EXPECT_TRUE(*from_der == cert);
  EXPECT_EQ(from_der->der(), der);
  auto pem = cert.pem();
  EXPECT_TRUE(pem.starts_with("-----BEGIN CERTIFICATE-----\n"));
  auto from_pem = Certificate::from_pem(pem);
  ASSERT_TRUE(from_pem);
  EXPECT_TRUE(*from_pem == cert);
}

// from_der takes a shortcut past OpenSSL's key decoding (certificate.cpp); what it gives must
// be the certificate received, with its key usable.
TEST(Certificate, FromDerKeepsTheReceivedBytesAndAUsableKey) {
  for (const char* spec : {"rsa2048", "ec-p256", "ec-p384"}) {
    const auto& key = test_key(spec);
    auto issued = issue_certificate(ca_spec(spec, key, 3), nullptr, key).value();
    auto der = issued.der();
    auto parsed = Certificate::from_der(der);
    ASSERT_TRUE(parsed) << spec;
    // The shortcut was taken: a built-in key, not one of a provider.
    EXPECT_EQ(EVP_PKEY_get0_provider(parsed->public_key().native()), nullptr) << spec;
    EXPECT_EQ(X509_get_extension_flags(parsed->native()) & EXFLAG_NO_FINGERPRINT, 0u) << spec;
    EXPECT_EQ(X509_cmp(parsed->native(), issued.native()), 0) << spec;
    EXPECT_EQ(parsed->der(), der) << spec;
    EXPECT_EQ(parsed->sha256_fingerprint(), issued.sha256_fingerprint()) << spec;
    EXPECT_EQ(parsed->public_key().der(), key.public_key().der()) << spec;
    EXPECT_TRUE(parsed->is_signed_by(*parsed)) << spec;
    EXPECT_EQ(parsed->public_key().type(), key.type()) << spec;
    EXPECT_EQ(parsed->public_key().bits(), key.bits()) << spec;
  }
  EXPECT_EQ(ERR_peek_error(), 0u);
}

// An rsaEncryption key without its NULL parameter is tolerated, but OpenSSL writes the NULL when
// it encodes the key: such a certificate is parsed the usual way, and its key is the one it
// carries, bytes included.
TEST(Certificate, FromDerKeepsAKeyEncodedAnotherWay) {
  const auto& key = test_key("rsa2048");
  auto issued = issue_certificate(ca_spec("No NULL", key, 4), nullptr, key).value();
  X509Handle cert(X509_dup(issued.native()));
  ASSERT_TRUE(cert);
  ASSERT_EQ(X509_PUBKEY_set0_param(X509_get_X509_PUBKEY(cert.get()), OBJ_nid2obj(NID_rsaEncryption),
                                   V_ASN1_UNDEF, nullptr, nullptr, 0),
            1);
  ASSERT_GT(X509_sign(cert.get(), key.native(), EVP_sha256()), 0);
  unsigned char* encoded = nullptr;
  int length = i2d_X509(cert.get(), &encoded);
  OpensslBufferHandle owner(encoded);
  ByteView der(encoded, static_cast<std::size_t>(length));
  auto parsed = Certificate::from_der(der);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->der(), Bytes(der.begin(), der.end()));
  EXPECT_EQ(parsed->public_key().der(),
            encode_der(i2d_X509_PUBKEY, X509_get_X509_PUBKEY(cert.get())));
  EXPECT_TRUE(parsed->is_signed_by(*parsed));
}

Bytes der_length(std::size_t length) {
  if (length < 0x80) return {static_cast<std::uint8_t>(length)};
  return {0x82, static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)};
}

Bytes der_sequence(ByteView content) {
  Bytes out{0x30};
  auto length = der_length(content.size());
  out.insert(out.end(), length.begin(), length.end());
  out.insert(out.end(), content.begin(), content.end());
  return out;
}

// A certificate whose TBSCertificate is BER (a length in more bytes than needed) and signed as
// such keeps its bytes, which its signature covers: from_der's shortcut relies on OpenSSL
// leaving them alone when it sets the key.
TEST(Certificate, FromDerKeepsABerTbsCertificate) {
  const auto& key = test_key("rsa2048");
  auto issued = issue_certificate(ca_spec("BER", key, 5), nullptr, key).value();
  unsigned char* tbs_der = nullptr;
  int tbs_length = i2d_re_X509_tbs(issued.native(), &tbs_der);
  OpensslBufferHandle owner(tbs_der);
  ASSERT_GT(tbs_length, 0x100);
  ASSERT_EQ(tbs_der[1], 0x82);
  // 30 82 hi lo -> 30 83 00 hi lo
  Bytes tbs{0x30, 0x83, 0x00};
  tbs.insert(tbs.end(), tbs_der + 2, tbs_der + tbs_length);
  auto signature = sign_data(key, DigestAlg::sha256, tbs).value();
  const X509_ALGOR* algorithm = nullptr;
  X509_get0_signature(nullptr, &algorithm, issued.native());
  Bytes body = tbs;
  auto algorithm_der = encode_der(i2d_X509_ALGOR, algorithm);
  body.insert(body.end(), algorithm_der.begin(), algorithm_der.end());
  body.push_back(0x03);
  auto bits_length = der_length(signature.size() + 1);
  body.insert(body.end(), bits_length.begin(), bits_length.end());
  body.push_back(0x00);
  body.insert(body.end(), signature.begin(), signature.end());
  auto der = der_sequence(body);

  auto parsed = Certificate::from_der(der);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->der(), der);
  EXPECT_TRUE(parsed->is_signed_by(*parsed));
}

TEST(Certificate, FromDerRejectsBadInputWithoutCrashing) {
  auto der = self_signed("Bad Input", 2).der();
  std::vector<Bytes> inputs = {{},
                               to_bytes("garbage"),
                               {0x30},
                               {0x30, 0x82, 0xff, 0xff},
                               Bytes(der.begin(), der.begin() + der.size() / 2)};
  auto trailing = der;
  trailing.push_back(0);
  inputs.push_back(trailing);
  for (std::size_t cut = 1; cut < der.size(); cut += 37) {
    inputs.emplace_back(der.begin(), der.begin() + static_cast<long>(cut));
  }
  for (const auto& input : inputs) {
    auto cert = Certificate::from_der(input);
    ASSERT_FALSE(cert) << input.size();
    EXPECT_EQ(cert.error().category, ErrorCategory::bad_request);
  }
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(Certificate, FromPemRejectsNonCertificatesAndNeverPrompts) {
  EXPECT_FALSE(Certificate::from_pem(""));
  EXPECT_FALSE(Certificate::from_pem("hello"));
  EXPECT_FALSE(Certificate::from_pem(test_key("ec-p256").to_pem().value()));
  // An "encrypted" certificate PEM would make OpenSSL's default callback prompt on a terminal.
  auto pem = self_signed("Encrypted", 3).pem();
  auto body = pem.substr(pem.find('\n') + 1);
  auto encrypted =
      "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n"
      "DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n" +
      body;
  EXPECT_FALSE(Certificate::from_pem(encrypted));
}

TEST(Certificate, BundleKeepsFileOrderAndSkipsOtherBlocks) {
  auto first = self_signed("First", 4);
  auto second = self_signed("Second", 5);
  auto bundle_text = to_pem({first, second});
  auto bundle = Certificate::bundle_from_pem("comment line\n" + bundle_text +
                                             test_key("ec-p256").to_pem().value());
  ASSERT_TRUE(bundle) << bundle.error().log_text;
  ASSERT_EQ(bundle->size(), 2u);
  EXPECT_TRUE((*bundle)[0] == first);
  EXPECT_TRUE((*bundle)[1] == second);
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(Certificate, BundleRejectsEmptyAndDamaged) {
  EXPECT_FALSE(Certificate::bundle_from_pem(""));
  EXPECT_FALSE(Certificate::bundle_from_pem("no pem here"));
  auto pem = self_signed("Damaged", 6).pem();
  pem[40] = pem[40] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(Certificate::bundle_from_pem(pem));
}

TEST(Certificate, FingerprintsAreDigestsOfTheDer) {
  auto cert = self_signed("Fingerprint", 7);
  EXPECT_EQ(cert.sha256_fingerprint(), hex_encode(sha256(cert.der())));
  unsigned char sha1[20];
  auto der = cert.der();
  ASSERT_EQ(EVP_Digest(der.data(), der.size(), sha1, nullptr, EVP_sha1(), nullptr), 1);
  EXPECT_EQ(cert.sha1_thumbprint(), hex_encode(ByteView(sha1, 20), true));
}

TEST(Certificate, EqualityIsByContent) {
  auto a = self_signed("Equal", 8);
  auto b = self_signed("Equal", 9);
  EXPECT_TRUE(a == a);
  EXPECT_FALSE(a == b);
  EXPECT_TRUE(Certificate::from_der(a.der()).value() == a);
}

TEST(Certificate, EmptySubjectAltNamesWhenAbsent) {
  EXPECT_TRUE(self_signed("No SAN", 10).subject_alt_names().empty());
}

TEST(Certificate, RejectsUnsupportedKeyAlgorithm) {
  auto parsed = Certificate::from_der(testing::ed25519_certificate_der());
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().category, ErrorCategory::bad_alg);
}

}  // namespace
}  // namespace scepter::crypto
