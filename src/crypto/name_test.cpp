#include "crypto/name.hpp"

#include <gtest/gtest.h>

namespace scepter::crypto {
namespace {

TEST(DistinguishedNameText, MostSpecificFirst) {
  EXPECT_EQ(to_string(DistinguishedName{{"C", "DE"}, {"O", "Example"}, {"CN", "router1"}}),
            "CN=router1,O=Example,C=DE");
  EXPECT_EQ(to_string(DistinguishedName{}), "");
}

TEST(DistinguishedNameText, EscapesRfc4514Specials) {
  EXPECT_EQ(to_string(DistinguishedName{{"CN", "a,b+c\"d\\e<f>g;h"}}),
            "CN=a\\,b\\+c\\\"d\\\\e\\<f\\>g\\;h");
  EXPECT_EQ(to_string(DistinguishedName{{"CN", "#lead"}}), "CN=\\#lead");
  EXPECT_EQ(to_string(DistinguishedName{{"CN", " padded "}}), "CN=\\ padded\\ ");
  EXPECT_EQ(to_string(DistinguishedName{{"CN", std::string("nul\0x", 5)}}), "CN=nul\\00x");
  EXPECT_EQ(to_string(DistinguishedName{{"CN", "mid#dle sp"}}), "CN=mid#dle sp");
  EXPECT_EQ(to_string(DistinguishedName{{"CN", "Müller"}}), "CN=Müller");
}

TEST(SanTypeText, Names) {
  EXPECT_EQ(to_string(SanType::dns), "dns");
  EXPECT_EQ(to_string(SanType::email), "email");
  EXPECT_EQ(to_string(SanType::uri), "uri");
  EXPECT_EQ(to_string(SanType::ip), "ip");
  EXPECT_EQ(to_string(SanType::upn), "upn");
}

}  // namespace
}  // namespace scepter::crypto
