#include "store/list_codec.hpp"

#include <gtest/gtest.h>

namespace scepter::store {
namespace {

TEST(ListCodec, StringsRoundTripWhateverTheyHold) {
  std::vector<std::vector<std::string>> cases = {
      {}, {""}, {"", ""}, {"rsa", "ec"}, {"a,b", "\"q\"", "back\\slash", "[x]", "\x01\n\t"}};
  for (const auto& items : cases) {
    auto decoded = decode_string_list(encode_list(items));
    ASSERT_TRUE(decoded) << encode_list(items);
    EXPECT_EQ(*decoded, items);
  }
  EXPECT_EQ(encode_list(std::vector<std::string>{"rsa", "ec"}), R"(["rsa","ec"])");
}

TEST(ListCodec, IntegersRoundTrip) {
  std::vector<std::vector<int>> cases = {{}, {0}, {365, 730}, {-1, 2147483647}};
  for (const auto& items : cases) {
    auto decoded = decode_int_list(encode_list(items));
    ASSERT_TRUE(decoded) << encode_list(items);
    EXPECT_EQ(*decoded, items);
  }
  EXPECT_EQ(encode_list(std::vector<int>{365, 730}), "[365,730]");
}

TEST(ListCodec, DamagedTextIsAStoreError) {
  for (std::string_view bad : {"", "[", "rsa,ec", R"(["a")", R"(["a",])", R"(["a" "b"])",
                               R"(["a\x"])", R"(["\u00zz"])", R"(["\u01ff"])", R"([a])"}) {
    auto decoded = decode_string_list(bad);
    ASSERT_FALSE(decoded) << bad;
    EXPECT_EQ(decoded.error().category, ErrorCategory::store);
  }
  for (std::string_view bad : {"", "[1,]", "[,1]", "[1 2]", "[x]", "[99999999999]", "[\"1\"]"}) {
    EXPECT_FALSE(decode_int_list(bad)) << bad;
  }
}

}  // namespace
}  // namespace scepter::store
