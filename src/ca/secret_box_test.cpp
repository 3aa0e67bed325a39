#include "ca/secret_box.hpp"

#include <gtest/gtest.h>

#include "crypto/random.hpp"

namespace scepter::ca {
namespace {

constexpr std::string_view kPurpose = "azure-account client secret";

SecretBox box_for(const Bytes& master) {
  auto box = SecretBox::from_master_key(master);
  EXPECT_TRUE(box) << box.error().client_text;
  return *box;
}

class SecretBoxTest : public ::testing::Test {
 protected:
  Bytes master_ = crypto::random_bytes(32);
  SecretBox box_ = box_for(master_);
};

TEST_F(SecretBoxTest, OpensWhatItSealedAndHidesIt) {
  const std::string secret = "Xy8Q~very.secret-value_1234567890";
  auto sealed = box_.seal(secret, kPurpose);
  ASSERT_TRUE(sealed);
  EXPECT_EQ(std::string_view(as_chars(*sealed)).find(secret), std::string_view::npos);
  auto opened = box_.open(*sealed, kPurpose);
  ASSERT_TRUE(opened) << opened.error().log_text;
  EXPECT_EQ(*opened, secret);
}

TEST_F(SecretBoxTest, EverySealUsesAFreshNonce) {
  auto first = box_.seal("same", kPurpose);
  auto second = box_.seal("same", kPurpose);
  ASSERT_TRUE(first && second);
  EXPECT_NE(*first, *second);
}

TEST_F(SecretBoxTest, SealsAnEmptySecret) {
  auto sealed = box_.seal("", kPurpose);
  ASSERT_TRUE(sealed);
  auto opened = box_.open(*sealed, kPurpose);
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, "");
}

TEST_F(SecretBoxTest, AnotherProcessWithTheSameMasterKeyOpensIt) {
  auto sealed = box_.seal("shared", kPurpose);
  ASSERT_TRUE(sealed);
  auto opened = box_for(master_).open(*sealed, kPurpose);
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, "shared");
}

TEST_F(SecretBoxTest, RefusesAnotherKeyOrPurpose) {
  auto sealed = box_.seal("secret", kPurpose);
  ASSERT_TRUE(sealed);
  auto other_key = box_for(crypto::random_bytes(32)).open(*sealed, kPurpose);
  ASSERT_FALSE(other_key);
  EXPECT_EQ(other_key.error().category, ErrorCategory::crypto);
  EXPECT_FALSE(box_.open(*sealed, "another purpose"));
}

TEST_F(SecretBoxTest, RefusesTamperedTruncatedAndUnknownVersions) {
  auto sealed = box_.seal("secret", kPurpose);
  ASSERT_TRUE(sealed);
  for (std::size_t at : {std::size_t{1}, std::size_t{25}, sealed->size() - 1}) {
    Bytes tampered = *sealed;
    tampered[at] ^= 0x01;
    EXPECT_FALSE(box_.open(tampered, kPurpose)) << "byte " << at;
  }
  Bytes versioned = *sealed;
  versioned[0] = 2;
  EXPECT_FALSE(box_.open(versioned, kPurpose));
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{40}, sealed->size() - 1}) {
    EXPECT_FALSE(box_.open(ByteView(sealed->data(), size), kPurpose)) << size << " bytes";
  }
}

TEST(SecretBoxKeyTest, NeedsA32ByteMasterKey) {
  for (std::size_t size : {0, 16, 31, 33, 64}) {
    auto box = SecretBox::from_master_key(Bytes(size, 7));
    ASSERT_FALSE(box) << size;
    EXPECT_EQ(box.error().category, ErrorCategory::internal);
  }
}

}  // namespace
}  // namespace scepter::ca
