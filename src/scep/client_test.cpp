#include "scep/client.hpp"

#include <gtest/gtest.h>

#include "crypto/cms_degenerate.hpp"
#include "scep/ca_cert.hpp"
#include "scep/media_types.hpp"
#include "scep/scep_test_support.hpp"

namespace scepter::scep {
namespace {

using crypto::testing::must;
using testing::TestPki;

//= https://www.rfc-editor.org/rfc/rfc8894#section-4.2.1
TEST(ClientRecipient, EveryGetCACertFormatYieldsTheRaCertificate) {
  auto endpoint = TestPki::get().endpoint();
  for (auto format :
       {CaCertFormat::single_pem, CaCertFormat::single_der, CaCertFormat::chain_cms}) {
    endpoint->ca_cert_format = format;
    auto response = must(ca_cert_response(*endpoint));
    auto recipient = must(client::recipient_from_ca_cert(response.content_type, response.body));
    EXPECT_EQ(recipient, TestPki::get().ra.certificate) << to_string(format);
  }
}

TEST(ClientRecipient, ABagOfCaCertificatesOnlyYieldsTheFirst) {
  const auto& pki = TestPki::get();
  std::vector certificates{pki.issuing.certificate, pki.root.certificate};
  auto bag = must(crypto::degenerate_signed_data(certificates));
  auto recipient = must(client::recipient_from_ca_cert(media_type::ca_ra_certificates, bag));
  EXPECT_EQ(recipient, pki.issuing.certificate);
}

TEST(ClientRecipient, RejectsGarbageEmptyBagsAndUnknownTypes) {
  Bytes garbage{0x30, 0x03, 0x02, 0x01, 0x01};
  EXPECT_FALSE(client::recipient_from_ca_cert(media_type::ca_certificate, garbage));
  EXPECT_FALSE(client::recipient_from_ca_cert(media_type::ca_ra_certificates, garbage));
  auto empty = must(crypto::degenerate_signed_data({}));
  auto none = client::recipient_from_ca_cert(media_type::ca_ra_certificates, empty);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().category, ErrorCategory::bad_request);
  auto der = TestPki::get().ra.certificate.der();
  EXPECT_FALSE(client::recipient_from_ca_cert("text/plain", der));
}

TEST(ClientSelfSigned, CertifiesTheKeyUnderTheGivenName) {
  const auto& key = crypto::testing::shared_identity("client-self-signed").key;
  auto now = crypto::testing::test_epoch();
  auto certificate = must(client::self_signed_certificate(key, "device-7", now));
  EXPECT_EQ(certificate.public_key(), key.public_key());
  EXPECT_TRUE(certificate.is_self_issued());
  EXPECT_TRUE(certificate.is_signed_by(certificate));
  EXPECT_FALSE(certificate.is_ca());
  EXPECT_LT(certificate.not_before(), now);
  EXPECT_GT(certificate.not_after(), now);
}

TEST(ClientReply, RejectsBytesThatAreNoPkiMessage) {
  const auto& identity = crypto::testing::shared_identity("client-reply");
  Bytes garbage{0x30, 0x03, 0x02, 0x01, 0x01};
  EXPECT_FALSE(client::read_reply(garbage, identity.certificate, identity.key));
}

TEST(ClientReply, RejectsAnEnvelopeForSomeoneElse) {
  const auto& pki = TestPki::get();
  const auto& identity = crypto::testing::shared_identity("client-reply");
  client::RequestHeader header{MessageType::pkcs_req, "abc", Bytes(16, 1)};
  // A message encrypted to the RA cannot be opened with the client's key.
  auto message = must(client::build_request(header, as_bytes("content"), pki.ra.certificate, {},
                                            {.certificate = identity.certificate,
                                             .key = identity.key,
                                             .signing_time = crypto::testing::test_epoch()}));
  auto reply = client::read_reply(message, identity.certificate, identity.key);
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().category, ErrorCategory::bad_cert_id);
}

TEST(ClientRequest, TheRaOpensWhatTheClientBuilt) {
  const auto& pki = TestPki::get();
  const auto& identity = crypto::testing::shared_identity("client-request");
  client::RequestHeader header{MessageType::pkcs_req, "tx-1", Bytes(16, 7)};
  auto message = must(client::build_request(header, as_bytes("csr"), pki.ra.certificate, {},
                                            {.certificate = identity.certificate,
                                             .key = identity.key,
                                             .signing_time = crypto::testing::test_epoch()}));
  auto parsed = must(parse_pki_message(message));
  EXPECT_EQ(parsed.type, MessageType::pkcs_req);
  EXPECT_EQ(parsed.transaction_id, "tx-1");
  EXPECT_EQ(parsed.sender_nonce, Bytes(16, 7));
  EXPECT_EQ(parsed.signer, identity.certificate);
  auto opened = must(crypto::open_envelope(parsed.envelope, pki.ra.certificate, pki.ra.key));
  EXPECT_EQ(opened.content, to_bytes("csr"));
}

}  // namespace
}  // namespace scepter::scep
