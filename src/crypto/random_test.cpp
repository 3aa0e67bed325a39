#include "crypto/random.hpp"

#include <gtest/gtest.h>

#include <array>
#include <set>

#include "crypto/handles.hpp"

namespace scepter::crypto {
namespace {

TEST(RandomBytes, SizesAndDistinctness) {
  EXPECT_TRUE(random_bytes(0).empty());
  auto a = random_bytes(32);
  auto b = random_bytes(32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
}

TEST(RandomString, UsesOnlyTheAlphabetAndEveryLetterOfIt) {
  const std::string alphabet = "ABCDEFGHJK";  // 10 does not divide 256: exercises rejection
  auto text = random_string(5000, alphabet);
  ASSERT_EQ(text.size(), 5000u);
  std::array<int, 10> counts{};
  for (char c : text) {
    auto at = alphabet.find(c);
    ASSERT_NE(at, std::string::npos) << c;
    ++counts[at];
  }
  // Each letter expects 500; a biased sampler (256 % 10 = 6 letters favoured) or a broken one
  // would show far outside this band.
  for (int count : counts) {
    EXPECT_GT(count, 380);
    EXPECT_LT(count, 620);
  }
  EXPECT_EQ(random_string(0, alphabet), "");
  EXPECT_EQ(random_string(3, "x"), "xxx");
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(hex_encode(sha256({})),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex_encode(sha256(as_bytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HmacSha256, Rfc4231Vectors) {
  // RFC 4231 test case 2.
  EXPECT_EQ(hex_encode(hmac_sha256(as_bytes("Jefe"), as_bytes("what do ya want for nothing?"))),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // RFC 4231 test case 1.
  Bytes key(20, 0x0b);
  EXPECT_EQ(hex_encode(hmac_sha256(key, as_bytes("Hi There"))),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  // An empty key works: like any short key it is zero-padded to the block, so it matches a
  // one-zero-byte key.
  EXPECT_EQ(hmac_sha256({}, as_bytes("x")), hmac_sha256(Bytes{0}, as_bytes("x")));
  EXPECT_NE(hmac_sha256(as_bytes("k1"), as_bytes("x")), hmac_sha256(as_bytes("k2"), as_bytes("x")));
}

TEST(Initialize, IsIdempotentAndEnablesSingleDes) {
  ASSERT_TRUE(initialize());
  ASSERT_TRUE(initialize());
  Handle<EVP_CIPHER, EVP_CIPHER_free> des(EVP_CIPHER_fetch(nullptr, "DES-CBC", nullptr));
  EXPECT_TRUE(des) << "the legacy provider supplies single DES";
  Handle<EVP_MD, EVP_MD_free> sha(EVP_MD_fetch(nullptr, "SHA256", nullptr));
  EXPECT_TRUE(sha) << "the default provider stays available";
}

}  // namespace
}  // namespace scepter::crypto
