#include <gtest/gtest.h>

#include "scep/authority.hpp"
#include "scep/ca_cert.hpp"
#include "scep/capabilities.hpp"
#include "scep/scep_test_support.hpp"

namespace scepter::scep {
namespace {

using testing::must;
using testing::TestPki;

// The prepared replies must be byte for byte what the engine would encode per request.
TEST(ReadRepliesTest, MatchPerRequestEncodingInEveryFormat) {
  auto endpoint = TestPki::get().endpoint();
  endpoint->allow_des3 = false;
  for (auto format :
       {CaCertFormat::single_pem, CaCertFormat::single_der, CaCertFormat::chain_cms}) {
    endpoint->ca_cert_format = format;
    auto replies = must(read_replies(*endpoint));
    auto expected = must(ca_cert_response(*endpoint));
    EXPECT_EQ(replies.ca_certificate.content_type, expected.content_type);
    EXPECT_EQ(replies.ca_certificate.body, expected.body);
    EXPECT_EQ(replies.capabilities.content_type, "text/plain");
    EXPECT_EQ(as_chars(replies.capabilities.body), capabilities(*endpoint));
    EXPECT_EQ(as_chars(replies.capabilities.body).find("DES3"), std::string_view::npos);
  }
}

TEST(ReadRepliesTest, UnknownFormatIsAnError) {
  auto endpoint = TestPki::get().endpoint();
  endpoint->ca_cert_format = static_cast<CaCertFormat>(99);
  EXPECT_FALSE(read_replies(*endpoint));
}

}  // namespace
}  // namespace scepter::scep
