#include "core/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace scepter {
namespace {

TEST(Utf8, AcceptsWellFormedTextUpToEachBoundary) {
  for (std::string text : {
           std::string("plain ASCII ~"),
           std::string("Caf\xc3\xa9 Z\xc3\xbcrich"),         // 2 bytes
           std::string("\xe6\x9d\xb1\xe4\xba\xac"),          // 3 bytes
           std::string("\xf0\x9f\x98\x80"),                  // 4 bytes
           std::string("\xc2\x80\xdf\xbf"),                  // U+0080, U+07FF
           std::string("\xe0\xa0\x80\xed\x9f\xbf"),          // U+0800, U+D7FF
           std::string("\xee\x80\x80\xef\xbf\xbf"),          // U+E000, U+FFFF
           std::string("\xf0\x90\x80\x80\xf4\x8f\xbf\xbf"),  // U+10000, U+10FFFF
           std::string(),
       }) {
    EXPECT_TRUE(is_utf8(text)) << text;
  }
}

TEST(Utf8, RefusesMalformedSequences) {
  for (std::string text : {
           std::string("bad\xffname"),       // never valid
           std::string("\xfe"),              // never valid
           std::string("\x80"),              // continuation without a lead
           std::string("\xc3\xa9\xa9"),      // one continuation too many
           std::string("\xc0\xaf"),          // overlong '/'
           std::string("\xc1\xbf"),          // overlong U+007F
           std::string("\xe0\x80\xaf"),      // overlong, 3 bytes
           std::string("\xe0\x9f\xbf"),      // overlong U+07FF
           std::string("\xf0\x80\x80\xaf"),  // overlong, 4 bytes
           std::string("\xf0\x8f\xbf\xbf"),  // overlong U+FFFF
           std::string("\xc3"),              // truncated at the end
           std::string("\xe2\x82"),          // truncated at the end
           std::string("\xf0\x9f\x98"),      // truncated at the end
           std::string("\xc3"
                       "A"),  // truncated by an ASCII byte
           std::string("\xe2\x82"
                       "A"),                 // truncated by an ASCII byte
           std::string("\xed\xa0\x80"),      // surrogate U+D800
           std::string("\xed\xbf\xbf"),      // surrogate U+DFFF
           std::string("\xf4\x90\x80\x80"),  // U+110000
           std::string("\xf5\x80\x80\x80"),  // lead byte beyond U+10FFFF
       }) {
    EXPECT_FALSE(is_utf8(text)) << testing::PrintToString(text);
    EXPECT_FALSE(code_points(text)) << testing::PrintToString(text);
  }
}

TEST(Utf8, DecodesEachLengthToItsCodePoint) {
  EXPECT_EQ(code_points(""), std::u32string());
  EXPECT_EQ(code_points("A\x7f"), std::u32string(U"A\u007f"));
  EXPECT_EQ(code_points("\xc2\x80\xdf\xbf"), std::u32string(U"\u0080\u07ff"));
  EXPECT_EQ(code_points("\xe2\x80\x8b\xef\xbf\xbf"), std::u32string(U"\u200b\uffff"));
  EXPECT_EQ(code_points("\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf"),
            std::u32string(U"\U0001F600\U0010FFFF"));
}

}  // namespace
}  // namespace scepter
