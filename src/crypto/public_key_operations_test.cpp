#include "crypto/public_key_operations.hpp"

#include <gtest/gtest.h>

#include "crypto/test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::test_key;

TEST(PublicKeyOperations, SignatureVerifiesOnlyForItsDataAndKey) {
  const auto& key = test_key("rsa2048");
  auto data = to_bytes("to be signed");
  auto signature = sign_data(key, DigestAlg::sha256, data).value();
  EXPECT_TRUE(verify_data(key.public_key(), DigestAlg::sha256, data, signature).value());
  EXPECT_FALSE(
      verify_data(key.public_key(), DigestAlg::sha256, to_bytes("other"), signature).value());
  EXPECT_FALSE(
      verify_data(test_key("rsa2048", 1).public_key(), DigestAlg::sha256, data, signature).value());
  Bytes truncated(signature.begin(), signature.begin() + 10);
  EXPECT_FALSE(verify_data(key.public_key(), DigestAlg::sha256, data, truncated).value());
}

TEST(PublicKeyOperations, EcKeysSignToo) {
  const auto& key = test_key("ec-p256");
  auto data = to_bytes("to be signed");
  auto signature = sign_data(key, DigestAlg::sha256, data).value();
  EXPECT_TRUE(verify_data(key.public_key(), DigestAlg::sha256, data, signature).value());
}

TEST(PublicKeyOperations, KeyTransportRoundTrips) {
  const auto& key = test_key("rsa2048");
  Bytes content_key(32, 0x5a);
  auto encrypted = encrypt_key(key.public_key(), content_key).value();
  EXPECT_EQ(encrypted.size(), 256u);
  EXPECT_EQ(decrypt_key(key, encrypted).value(), content_key);
}

TEST(PublicKeyOperations, KeyTransportRejectsWrongKeysAndGarbage) {
  const auto& key = test_key("rsa2048");
  auto encrypted = encrypt_key(key.public_key(), Bytes(32, 1)).value();
  auto other = decrypt_key(test_key("rsa2048", 1), encrypted);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().category, ErrorCategory::bad_message_check);
  EXPECT_FALSE(decrypt_key(key, Bytes(256, 0)));
  auto ec = encrypt_key(test_key("ec-p256").public_key(), Bytes(32, 1));
  ASSERT_FALSE(ec);
  EXPECT_EQ(ec.error().category, ErrorCategory::bad_alg);
}

TEST(PublicKeyOperations, OaepKeyTransportRoundTripsOnlyWithItsOwnHashes) {
  const auto& key = test_key("rsa2048");
  Bytes content_key(24, 0x3c);
  auto garbage = decrypt_key(key, Bytes(256, 0));
  ASSERT_FALSE(garbage);
  const RsaOaep variants[] = {{DigestAlg::sha1, DigestAlg::sha1},
                              {DigestAlg::sha256, DigestAlg::sha256},
                              {DigestAlg::sha512, DigestAlg::sha512},
                              {DigestAlg::sha256, DigestAlg::sha1}};
  for (const auto& oaep : variants) {
    auto encrypted = encrypt_key(key.public_key(), content_key, oaep).value();
    EXPECT_EQ(decrypt_key(key, encrypted, oaep).value(), content_key);
    auto other = oaep.digest == DigestAlg::sha1 ? DigestAlg::sha256 : DigestAlg::sha1;
    // One answer whatever went wrong: no padding oracle.
    for (auto wrong : {decrypt_key(key, encrypted, RsaOaep{other, oaep.mask_digest}),
                       decrypt_key(key, encrypted, RsaOaep{oaep.digest, DigestAlg::sha384}),
                       decrypt_key(key, encrypted)}) {
      ASSERT_FALSE(wrong);
      EXPECT_EQ(wrong.error().category, ErrorCategory::bad_message_check);
      EXPECT_EQ(wrong.error().client_text, garbage.error().client_text);
    }
  }
  auto pkcs1 = encrypt_key(key.public_key(), content_key).value();
  auto as_oaep = decrypt_key(key, pkcs1, RsaOaep{});
  ASSERT_FALSE(as_oaep);
  EXPECT_EQ(as_oaep.error().category, ErrorCategory::bad_message_check);
}

}  // namespace
}  // namespace scepter::crypto
