#include "crypto/key.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>

#include "crypto/handles.hpp"
#include "crypto/test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::test_key;

TEST(KeySpec, ParsesEverySupportedNameAndRoundTrips) {
  struct Case {
    const char* text;
    KeyType type;
    int bits;
  };
  for (auto [text, type, bits] :
       {Case{"rsa2048", KeyType::rsa, 2048}, Case{"rsa3072", KeyType::rsa, 3072},
        Case{"rsa4096", KeyType::rsa, 4096}, Case{"ec-p256", KeyType::ec, 256},
        Case{"ec-p384", KeyType::ec, 384}}) {
    auto spec = KeySpec::parse(text);
    ASSERT_TRUE(spec) << text;
    EXPECT_EQ(spec->type, type);
    EXPECT_EQ(spec->bits, bits);
    EXPECT_EQ(spec->name(), text);
  }
}

TEST(KeySpec, RejectsOthersNamingTheValue) {
  for (const char* text : {"", "rsa1024", "RSA2048", "ec-p521", "ed25519", "rsa2048 "}) {
    auto spec = KeySpec::parse(text);
    ASSERT_FALSE(spec) << text;
    EXPECT_EQ(spec.error().category, ErrorCategory::invalid);
    EXPECT_NE(spec.error().client_text.find("'" + std::string(text) + "'"), std::string::npos);
  }
}

TEST(PrivateKey, GeneratesEachSpec) {
  for (const char* name : {"rsa2048", "rsa3072", "rsa4096", "ec-p256", "ec-p384"}) {
    auto spec = KeySpec::parse(name).value();
    const auto& key = test_key(name);
    EXPECT_EQ(key.type(), spec.type) << name;
    EXPECT_EQ(key.bits(), spec.bits) << name;
    EXPECT_EQ(key.public_key().type(), spec.type);
    EXPECT_EQ(key.public_key().bits(), spec.bits);
  }
  const char* curve = nullptr;
  char group[32];
  ASSERT_EQ(EVP_PKEY_get_group_name(test_key("ec-p384").native(), group, sizeof group, nullptr), 1);
  curve = group;
  EXPECT_STREQ(curve, "secp384r1");
}

TEST(PrivateKey, GenerateRejectsUnknownCurve) {
  auto key = PrivateKey::generate(KeySpec{KeyType::ec, 521});
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().category, ErrorCategory::invalid);
}

TEST(PrivateKey, PlainPemRoundTrip) {
  for (const char* name : {"rsa2048", "ec-p256"}) {
    const auto& key = test_key(name);
    auto pem = key.to_pem();
    ASSERT_TRUE(pem);
    EXPECT_TRUE(pem->starts_with("-----BEGIN PRIVATE KEY-----")) << *pem;
    auto back = PrivateKey::from_pem(*pem);
    ASSERT_TRUE(back) << back.error().log_text;
    EXPECT_TRUE(back->public_key() == key.public_key());
    EXPECT_EQ(EVP_PKEY_eq(back->native(), key.native()), 1);
  }
}

TEST(PrivateKey, EncryptedPemRoundTripUsesPbes2Aes256) {
  const auto& key = test_key("ec-p256");
  auto pem = key.to_pem("correct horse");
  ASSERT_TRUE(pem);
  EXPECT_TRUE(pem->starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

  auto bio = read_bio(as_bytes(*pem));
  Handle<X509_SIG, X509_SIG_free> sealed(PEM_read_bio_PKCS8(bio.get(), nullptr, nullptr, nullptr));
  ASSERT_TRUE(sealed);
  const X509_ALGOR* algorithm = nullptr;
  X509_SIG_get0(sealed.get(), &algorithm, nullptr);
  ASSERT_EQ(OBJ_obj2nid(algorithm->algorithm), NID_pbes2);
  Handle<PBE2PARAM, PBE2PARAM_free> params(static_cast<PBE2PARAM*>(
      ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBE2PARAM), algorithm->parameter)));
  ASSERT_TRUE(params);
  EXPECT_EQ(OBJ_obj2nid(params->keyfunc->algorithm), NID_id_pbkdf2);
  EXPECT_EQ(OBJ_obj2nid(params->encryption->algorithm), NID_aes_256_cbc);

  auto back = PrivateKey::from_pem(*pem, "correct horse");
  ASSERT_TRUE(back) << back.error().log_text;
  EXPECT_TRUE(back->public_key() == key.public_key());
}

TEST(PrivateKey, WrongOrMissingPassphraseFails) {
  auto pem = test_key("rsa2048").to_pem("right").value();
  for (const char* attempt : {"wrong", "", "righ", "right "}) {
    auto key = PrivateKey::from_pem(pem, attempt);
    ASSERT_FALSE(key) << attempt;
    EXPECT_EQ(key.error().category, ErrorCategory::crypto);
  }
}

TEST(PrivateKey, RejectsGarbageAndUnsupportedTypes) {
  EXPECT_FALSE(PrivateKey::from_pem(""));
  EXPECT_FALSE(
      PrivateKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
  PkeyHandle ed25519(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  ASSERT_TRUE(ed25519);
  auto out = BioHandle(BIO_new(BIO_s_mem()));
  ASSERT_EQ(
      PEM_write_bio_PrivateKey(out.get(), ed25519.get(), nullptr, nullptr, 0, nullptr, nullptr), 1);
  auto pem = bio_contents(out.get());
  auto key = PrivateKey::from_pem(as_chars(pem));
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().category, ErrorCategory::bad_alg);
}

TEST(PublicKey, DerRoundTripAndIdentity) {
  const auto& rsa = test_key("rsa2048").public_key();
  const auto& ec = test_key("ec-p256").public_key();
  auto der = rsa.der();
  ASSERT_FALSE(der.empty());
  auto back = PublicKey::from_der(der);
  ASSERT_TRUE(back);
  EXPECT_TRUE(*back == rsa);
  EXPECT_FALSE(*back == ec);
  EXPECT_EQ(back->der(), der);
  EXPECT_EQ(rsa.sha256().size(), 32u);
  EXPECT_EQ(back->sha256(), rsa.sha256());
  EXPECT_NE(rsa.sha256(), ec.sha256());
  EXPECT_EQ(rsa.key_identifier().size(), 20u);
  EXPECT_NE(rsa.key_identifier(), ec.key_identifier());
}

TEST(PublicKey, KeyIdentifierIsSha1OfSubjectPublicKeyBits) {
  const auto& key = test_key("ec-p256").public_key();
  auto spki = key.der();
  // For P-256 the BIT STRING holds the 65-byte uncompressed point and ends the SPKI.
  ByteView point(spki.data() + spki.size() - 65, 65);
  unsigned char digest[20];
  ASSERT_EQ(EVP_Digest(point.data(), point.size(), digest, nullptr, EVP_sha1(), nullptr), 1);
  EXPECT_EQ(key.key_identifier(), Bytes(digest, digest + 20));
}

TEST(PublicKey, FromDerRejectsGarbageTruncatedAndTrailing) {
  auto der = test_key("rsa2048").public_key().der();
  EXPECT_FALSE(PublicKey::from_der({}));
  EXPECT_FALSE(PublicKey::from_der(as_bytes("not a key")));
  EXPECT_FALSE(PublicKey::from_der(ByteView(der.data(), der.size() - 1)));
  auto trailing = der;
  trailing.push_back(0);
  auto result = PublicKey::from_der(trailing);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().category, ErrorCategory::bad_request);
}

}  // namespace
}  // namespace scepter::crypto
