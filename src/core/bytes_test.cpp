#include "core/bytes.hpp"

#include <gtest/gtest.h>

namespace scepter {
namespace {

TEST(Hex, RoundTripAndSeparators) {
  Bytes out;
  ASSERT_TRUE(hex_decode("0aFF:10", out));
  EXPECT_EQ(out, (Bytes{0x0a, 0xff, 0x10}));
  EXPECT_EQ(hex_encode(out), "0aff10");
  EXPECT_EQ(hex_encode(out, true), "0AFF10");
}

TEST(Hex, RejectsOddAndNonHex) {
  Bytes out;
  EXPECT_FALSE(hex_decode("abc", out));
  EXPECT_FALSE(hex_decode("zz", out));
  EXPECT_FALSE(hex_decode("", out));
  EXPECT_FALSE(hex_decode("a:b", out));
}

TEST(ConstantTimeEqual, ComparesContentAndLength) {
  EXPECT_TRUE(constant_time_equal(as_bytes("abc"), as_bytes("abc")));
  EXPECT_FALSE(constant_time_equal(as_bytes("abc"), as_bytes("abd")));
  EXPECT_FALSE(constant_time_equal(as_bytes("abc"), as_bytes("abcd")));
}

}  // namespace
}  // namespace scepter
