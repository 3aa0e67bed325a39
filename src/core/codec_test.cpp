#include "core/codec.hpp"

#include <gtest/gtest.h>

namespace scepter {
namespace {

TEST(Base64, RoundTripsAllLengths) {
  Bytes data;
  for (int n = 0; n < 20; ++n) {
    auto encoded = base64_encode(data);
    auto decoded = base64_decode(encoded);
    ASSERT_TRUE(decoded) << encoded;
    EXPECT_EQ(*decoded, data);
    data.push_back(static_cast<std::uint8_t>(n * 37));
  }
}

TEST(Base64, KnownVectors) {
  EXPECT_EQ(base64_encode(as_bytes("foobar")), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(as_bytes("fo")), "Zm8=");
  EXPECT_EQ(*base64_decode("Zm9v\r\nYmE="), to_bytes("fooba"));
  EXPECT_EQ(*base64_decode("Zm8"), to_bytes("fo"));  // padding omitted
}

TEST(Base64, RejectsGarbage) {
  EXPECT_FALSE(base64_decode("Zm9v*mFy"));
  EXPECT_FALSE(base64_decode("Zm8=Zm8="));  // data after padding
  EXPECT_FALSE(base64_decode("Z"));         // lone sextet
  EXPECT_FALSE(base64_decode("Zm==="));
  EXPECT_EQ(base64_decode("@@").error().category, ErrorCategory::bad_request);
}

TEST(UrlDecode, KeepsPlusUnlessAsked) {
  EXPECT_EQ(*url_decode("a+b%2Bc%3d"), "a+b+c=");
  EXPECT_EQ(*url_decode("a+b", true), "a b");
}

TEST(UrlDecode, RejectsBadEscapes) {
  EXPECT_FALSE(url_decode("abc%"));
  EXPECT_FALSE(url_decode("abc%4"));
  EXPECT_FALSE(url_decode("abc%zz"));
}

TEST(UrlEncode, EscapesReserved) {
  EXPECT_EQ(url_encode("a b/c+"), "a%20b%2Fc%2B");
}

TEST(QueryParameter, FindsByName) {
  EXPECT_EQ(query_parameter("operation=GetCACert&message=CA", "message"), "CA");
  EXPECT_EQ(query_parameter("operation=GetCACaps", "operation"), "GetCACaps");
  EXPECT_EQ(query_parameter("operation", "operation"), "");
  EXPECT_FALSE(query_parameter("operation=x", "message"));
  EXPECT_FALSE(query_parameter("", "message"));
}

}  // namespace
}  // namespace scepter
