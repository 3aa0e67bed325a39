#include "scep/types.hpp"

#include <gtest/gtest.h>

namespace scepter::scep {
namespace {

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.2
TEST(Types, MessageTypesRoundTrip) {
  for (int value : {3, 17, 19, 20, 21, 22}) {
    auto type = message_type_from_int(value);
    ASSERT_TRUE(type);
    EXPECT_EQ(static_cast<int>(*type), value);
    EXPECT_NE(to_string(*type), "unknown");
  }
  EXPECT_FALSE(message_type_from_int(0));
  EXPECT_FALSE(message_type_from_int(18));
  EXPECT_EQ(to_string(MessageType::cert_poll), "CertPoll");
}

TEST(Types, OperationsAreCaseSensitive) {
  EXPECT_EQ(parse_operation("PKIOperation"), Operation::pki_operation);
  EXPECT_EQ(parse_operation("GetCACaps"), Operation::get_ca_caps);
  EXPECT_FALSE(parse_operation("pkioperation"));
  EXPECT_FALSE(parse_operation(""));
  for (auto op : {Operation::get_ca_caps, Operation::get_ca_cert, Operation::get_next_ca_cert,
                  Operation::pki_operation}) {
    EXPECT_EQ(parse_operation(to_string(op)), op);
  }
}

TEST(Types, FormatsRoundTrip) {
  for (auto format :
       {CaCertFormat::single_pem, CaCertFormat::single_der, CaCertFormat::chain_cms}) {
    EXPECT_EQ(parse_ca_cert_format(to_string(format)), format);
  }
  for (auto format : {CertFormat::single, CertFormat::full_chain}) {
    EXPECT_EQ(parse_cert_format(to_string(format)), format);
  }
  EXPECT_FALSE(parse_ca_cert_format("pem"));
  EXPECT_FALSE(parse_cert_format("chain"));
  EXPECT_EQ(to_string(FailInfo::bad_cert_id), "badCertId");
  EXPECT_EQ(to_string(PkiStatus::pending), "PENDING");
}

}  // namespace
}  // namespace scepter::scep
