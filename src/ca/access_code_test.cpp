#include "ca/access_code.hpp"

#include <gtest/gtest.h>

namespace scepter::ca {
namespace {

TEST(AccessCodes, GeneratedCodesAreValidAndDistinct) {
  auto a = AccessCodes::generate();
  auto b = AccessCodes::generate();
  EXPECT_EQ(a.size(), AccessCodes::kGeneratedLength);
  EXPECT_NE(a, b);
  EXPECT_TRUE(AccessCodes::validate(a));
  for (char c : a) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << a;
}

TEST(AccessCodes, ValidateRejectsLengthAndAlphabet) {
  EXPECT_TRUE(AccessCodes::validate("Good code (2026)-ok?"));
  auto too_short = AccessCodes::validate("short");
  ASSERT_FALSE(too_short);
  EXPECT_EQ(too_short.error().category, ErrorCategory::invalid);
  EXPECT_EQ(too_short.error().field, "access_code");
  EXPECT_FALSE(AccessCodes::validate(std::string(AccessCodes::kMaxLength + 1, 'a')));
  EXPECT_FALSE(AccessCodes::validate("has_underscore_1"));  // '_' is not PrintableString
  EXPECT_FALSE(AccessCodes::validate("umlaut-\xc3\xa4-1234"));
  EXPECT_FALSE(AccessCodes::validate("star*star*star"));
}

TEST(AccessCodes, DigestIsKeyed) {
  AccessCodes one(to_bytes("key one"));
  AccessCodes two(to_bytes("key two"));
  EXPECT_EQ(one.digest("code"), one.digest("code"));
  EXPECT_NE(one.digest("code"), one.digest("Code"));
  EXPECT_NE(one.digest("code"), two.digest("code"));
  EXPECT_EQ(one.digest("code").size(), 32u);
}

}  // namespace
}  // namespace scepter::ca
