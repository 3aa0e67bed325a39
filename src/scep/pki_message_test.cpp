#include "scep/pki_message.hpp"

#include <gtest/gtest.h>

#include "crypto/cms_signed.hpp"
#include "scep/scep_test_support.hpp"

namespace scepter::scep {
namespace {

using crypto::AttributeEncoding;
using crypto::SignedAttribute;
using testing::must;

const auto& client() {
  return crypto::testing::shared_identity("client");
}

Result<PkiMessage> parse_with(std::vector<SignedAttribute> attributes) {
  auto der = must(crypto::sign_message(as_bytes("envelope"), client().certificate, client().key,
                                       {.digest = crypto::DigestAlg::sha256,
                                        .attributes = attributes,
                                        .signing_time = std::nullopt,
                                        .extra_certificates = {}}));
  return parse_pki_message(der);
}

SignedAttribute text(std::string_view oid, std::string_view value) {
  return {std::string(oid), AttributeEncoding::printable_string, to_bytes(value)};
}
SignedAttribute octets(std::string_view oid, Bytes value) {
  return {std::string(oid), AttributeEncoding::octet_string, std::move(value)};
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1
TEST(PkiMessage, BuildsAndParsesEveryAttribute) {
  OutgoingMessage outgoing{.type = MessageType::cert_rep,
                           .transaction_id = "abc-123",
                           .sender_nonce = Bytes(16, 1),
                           .recipient_nonce = Bytes(16, 2),
                           .status = PkiStatus::failure,
                           .fail_info = FailInfo::bad_time,
                           .fail_info_text = "clock skew",
                           .envelope = {}};
  auto der = must(build_pki_message(outgoing, {.certificate = client().certificate,
                                               .key = client().key,
                                               .digest = crypto::DigestAlg::sha512,
                                               .signing_time = crypto::testing::test_epoch()}));
  auto parsed = must(parse_pki_message(der));
  EXPECT_EQ(parsed.type, MessageType::cert_rep);
  EXPECT_EQ(parsed.transaction_id, "abc-123");
  EXPECT_EQ(parsed.sender_nonce, Bytes(16, 1));
  EXPECT_EQ(parsed.recipient_nonce, Bytes(16, 2));
  EXPECT_EQ(parsed.status, PkiStatus::failure);
  EXPECT_EQ(parsed.fail_info, FailInfo::bad_time);
  EXPECT_EQ(parsed.fail_info_text, "clock skew");
  EXPECT_EQ(parsed.digest, crypto::DigestAlg::sha512);
  EXPECT_EQ(parsed.signing_time, crypto::testing::test_epoch());
  EXPECT_EQ(parsed.signer, client().certificate);
  EXPECT_TRUE(parsed.envelope.empty());
}

TEST(PkiMessage, RequiresTheTransactionAttributes) {
  auto type = text(attribute_oid::message_type, "19");
  auto id = text(attribute_oid::transaction_id, "t1");
  auto nonce = octets(attribute_oid::sender_nonce, Bytes(16, 7));
  EXPECT_TRUE(parse_with({type, id, nonce}));
  for (const auto& attributes : std::vector<std::vector<SignedAttribute>>{
           {id, nonce},
           {type, nonce},
           {type, id},
           {type, id, octets(attribute_oid::sender_nonce, {})},
           {type, id, text(attribute_oid::sender_nonce, "not octets")},
           {type, text(attribute_oid::transaction_id, ""), nonce},
           {type, text(attribute_oid::transaction_id, std::string(300, 'a')), nonce},
           {type, id, nonce, text(attribute_oid::pki_status, "7")},
           {type, id, nonce, text(attribute_oid::fail_info, "x")},
       }) {
    auto parsed = parse_with(attributes);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().category, ErrorCategory::bad_request) << parsed.error().client_text;
  }
}

TEST(PkiMessage, AnUnknownMessageTypeParsesWithoutAType) {
  auto parsed = must(
      parse_with({text(attribute_oid::message_type, "42"), text(attribute_oid::transaction_id, "t"),
                  octets(attribute_oid::sender_nonce, Bytes(8, 1))}));
  EXPECT_FALSE(parsed.type);
  EXPECT_EQ(parsed.transaction_id, "t");
}

}  // namespace
}  // namespace scepter::scep
