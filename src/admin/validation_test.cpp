#include "admin/validation.hpp"

#include <gtest/gtest.h>

#include <string>

namespace scepter::admin {
namespace {

void expect_invalid(const Status& status, std::string_view field, std::string_view text) {
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().category, ErrorCategory::invalid);
  EXPECT_EQ(status.error().field, field);
  EXPECT_EQ(status.error().client_text, text);
}

TEST(CheckNameTest, TakesEveryLengthOfUtf8AndRefusesMalformedText) {
  EXPECT_TRUE(check_name("name", "\xe6\x9d\xb1\xe4\xba\xac Caf\xc3\xa9 \xf0\x9f\x98\x80"));
  for (std::string text : {std::string("bad\xffname"), std::string("\xc0\xaf"),
                           std::string("\xed\xa0\x80"), std::string("\xe2\x82")}) {
    expect_invalid(check_name("name", text), "name", "name must be valid UTF-8");
  }
}

TEST(CheckTextTest, RefusesControlCharactersAndInvalidUtf8) {
  EXPECT_TRUE(check_text("client_secret", "s3cr\xc3\xa9t~"));
  expect_invalid(check_text("client_secret", "a\tb"), "client_secret",
                 "client_secret must not contain control characters");
  expect_invalid(check_text("client_secret", "a\x7f"), "client_secret",
                 "client_secret must not contain control characters");
  expect_invalid(check_text("reason", "bad\xff"), "reason", "reason must be valid UTF-8");
}

TEST(CheckNameTest, KeepsItsOtherRules) {
  expect_invalid(check_name("name", " \t "), "name", "name must not be empty");
  expect_invalid(check_name("name", std::string(kMaxNameLength + 1, 'x')), "name",
                 "name is longer than 128 characters");
  expect_invalid(check_name("name", "a\nb"), "name", "name must not contain control characters");
}

TEST(CheckNameTest, RefusesWhatMakesTwoNamesLookAlike) {
  expect_invalid(check_name("name", "Org2 "), "name", "name must not begin or end with a space");
  expect_invalid(check_name("name", " Org2"), "name", "name must not begin or end with a space");
  expect_invalid(check_name("name",
                            "Org\xe2\x80\x8b"
                            "2"),
                 "name", "name must not contain invisible characters (U+200B)");
  expect_invalid(check_name("name", "abc\xe2\x80\xaegpj.exe"), "name",
                 "name must not contain invisible characters (U+202E)");
  expect_invalid(check_name("name", "\xef\xbb\xbfOrg2"), "name",
                 "name must not contain invisible characters (U+FEFF)");
  expect_invalid(check_name("name",
                            "Org\xc2\x85"
                            "2"),
                 "name", "name must not contain control characters");
  EXPECT_TRUE(check_name("name", "Org 2"));
  EXPECT_TRUE(check_name("name", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"));  // Hebrew, right to left
}

TEST(CheckTextTest, RefusesC1ControlCharacters) {
  expect_invalid(check_text("reason",
                            "a\xc2\x9b"
                            "31m"),
                 "reason", "reason must not contain control characters");
  EXPECT_TRUE(check_text("reason", "zero\xe2\x80\x8bwidth is allowed in free text"));
}

TEST(UrlTest, RefusesInvalidUtf8) {
  EXPECT_FALSE(normalize_base_url("https://scep.example/\xff"));
  EXPECT_FALSE(normalize_https_url("graph_url", "https://graph.example/\xc3"));
  EXPECT_TRUE(normalize_https_url("graph_url", "https://graph.example/v1"));
}

}  // namespace
}  // namespace scepter::admin
