#include "scep/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "crypto/cms_signed.hpp"
#include "scep/media_types.hpp"
#include "scep/scep_test_support.hpp"

namespace scepter::scep {
namespace {

using crypto::ContentCipher;
using crypto::DigestAlg;
using crypto::EnvelopeAlgorithms;
using crypto::KeyTransport;
using testing::ClientOptions;
using testing::FakeAuthority;
using testing::must;
using testing::TestClient;
using testing::TestPki;

class EngineTest : public ::testing::Test {
 protected:
  EngineTest()
      : authority_(TestPki::get().endpoint()),
        clock_(crypto::testing::test_epoch() + std::chrono::minutes(5)),
        engine_(authority_, clock_),
        client_(crypto::testing::shared_identity("client")) {}

  Result<Response> call(Operation operation, Bytes message = {}, std::string parameter = {}) {
    outcome_ = {};
    return engine_.handle({.endpoint = "test",
                           .operation = operation,
                           .message = std::move(parameter),
                           .pki_message = std::move(message),
                           .client_address = "192.0.2.1"},
                          outcome_);
  }

  TestClient::Reply operation(Bytes message) {
    auto response = must(call(Operation::pki_operation, std::move(message)));
    EXPECT_EQ(response.content_type, media_type::pki_message);
    return client_.read_reply(response.body);
  }

  void expect_failure(const TestClient::Reply& reply, FailInfo info) {
    EXPECT_EQ(reply.message.status, PkiStatus::failure);
    EXPECT_EQ(reply.message.fail_info, info) << reply.message.fail_info_text;
    EXPECT_FALSE(reply.message.fail_info_text.empty());
    EXPECT_FALSE(reply.envelope);
    EXPECT_EQ(outcome_.status, "FAILURE");
    EXPECT_EQ(outcome_.fail_info, to_string(info));
  }

  crypto::Certificate issued_certificate() {
    return crypto::testing::shared_identity("issued").certificate;
  }

  FakeAuthority authority_;
  FixedClock clock_;
  Engine engine_;
  TestClient client_;
  Outcome outcome_;
};

TEST_F(EngineTest, UnknownEndpointIsNotFound) {
  Outcome outcome;
  auto response = engine_.handle({.endpoint = "nope",
                                  .operation = Operation::get_ca_caps,
                                  .message = {},
                                  .pki_message = {},
                                  .client_address = {}},
                                 outcome);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().category, ErrorCategory::not_found);
}

TEST_F(EngineTest, OnlyEnrollmentsOfEndpointsThatAskARemoteServiceMayWaitOnIt) {
  EXPECT_FALSE(engine_.may_wait_on_remote("test", Operation::pki_operation));
  authority_.context().enrollment_waits_on_remote = true;
  EXPECT_TRUE(engine_.may_wait_on_remote("test", Operation::pki_operation));
  EXPECT_FALSE(engine_.may_wait_on_remote("test", Operation::get_ca_caps));
  EXPECT_FALSE(engine_.may_wait_on_remote("test", Operation::get_ca_cert));
  EXPECT_FALSE(engine_.may_wait_on_remote("nope", Operation::pki_operation));
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.5.2
TEST_F(EngineTest, CapabilitiesFollowTheEndpoint) {
  auto response = must(call(Operation::get_ca_caps));
  EXPECT_EQ(response.content_type, "text/plain");
  EXPECT_EQ(as_chars(response.body),
            "POSTPKIOperation\nSCEPStandard\nRenewal\nAES\nDES3\nSHA-256\nSHA-512\nSHA-1");

  authority_.context().allow_des3 = false;
  authority_.context().allow_sha1 = false;
  authority_.context().next_ca_chain = {TestPki::get().root.certificate};
  response = must(call(Operation::get_ca_caps));
  EXPECT_EQ(as_chars(response.body),
            "POSTPKIOperation\nSCEPStandard\nRenewal\nGetNextCACert\nAES\nSHA-256\nSHA-512");
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-4.2.1.1
TEST_F(EngineTest, GetCACertSinglePemAndDer) {
  const auto& ra = TestPki::get().ra.certificate;
  auto pem = must(call(Operation::get_ca_cert));
  EXPECT_EQ(pem.content_type, "application/x-x509-ca-cert");
  EXPECT_EQ(must(crypto::Certificate::from_pem(as_chars(pem.body))), ra);

  authority_.context().ca_cert_format = CaCertFormat::single_der;
  auto der = must(call(Operation::get_ca_cert));
  EXPECT_EQ(der.content_type, "application/x-x509-ca-cert");
  EXPECT_EQ(must(crypto::Certificate::from_der(der.body)), ra);

  // certmonger probes message=1, 2, ... after a single certificate and stops at a repeat.
  auto probe = must(call(Operation::get_ca_cert, {}, "1"));
  EXPECT_EQ(probe.body, der.body);
}

TEST_F(EngineTest, GetCACertChainIsRaThenChainToRoot) {
  authority_.context().ca_cert_format = CaCertFormat::chain_cms;
  auto response = must(call(Operation::get_ca_cert, {}, "any CA name"));
  EXPECT_EQ(response.content_type, "application/x-x509-ca-ra-cert");
  auto bag = must(crypto::read_certificate_bag(response.body));
  const auto& pki = TestPki::get();
  EXPECT_EQ(bag.certificates,
            (std::vector{pki.ra.certificate, pki.issuing.certificate, pki.root.certificate}));
}

TEST_F(EngineTest, PreparedReadRepliesAreServedAsTheyAre) {
  authority_.context().read_replies = std::make_shared<const ReadReplies>(
      ReadReplies{.capabilities = {"text/plain", to_bytes("prepared caps")},
                  .ca_certificate = {"application/x-x509-ca-cert", to_bytes("prepared cert")}});
  auto caps = must(call(Operation::get_ca_caps));
  EXPECT_EQ(caps.content_type, "text/plain");
  EXPECT_EQ(as_chars(caps.body), "prepared caps");
  auto cert = must(call(Operation::get_ca_cert, {}, "1"));
  EXPECT_EQ(cert.content_type, "application/x-x509-ca-cert");
  EXPECT_EQ(as_chars(cert.body), "prepared cert");
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-4.7.1
TEST_F(EngineTest, GetNextCACert) {
  auto absent = call(Operation::get_next_ca_cert);
  ASSERT_FALSE(absent);
  EXPECT_EQ(absent.error().category, ErrorCategory::not_found);

  auto next = crypto::testing::make_identity({.common_name = "Next CA", .is_ca = true});
  authority_.context().next_ca_chain = {next.certificate};
  auto response = must(call(Operation::get_next_ca_cert));
  EXPECT_EQ(response.content_type, "application/x-x509-next-ca-cert");
  auto signed_message = must(crypto::parse_signed_message(response.body));
  EXPECT_EQ(signed_message.signer, TestPki::get().ra.certificate);
  auto inner = must(crypto::read_certificate_bag(signed_message.content));
  EXPECT_EQ(inner.certificates, std::vector{next.certificate});
}

struct AlgorithmCase {
  EnvelopeAlgorithms request;
  DigestAlg digest;
  ContentCipher reply_cipher;
};

class EngineAlgorithms : public EngineTest, public ::testing::WithParamInterface<AlgorithmCase> {};

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2.1
TEST_P(EngineAlgorithms, SuccessIsEncryptedToTheRequesterWithTheRequestAlgorithms) {
  authority_.decision = Issued{issued_certificate()};
  ClientOptions options{.algorithms = GetParam().request, .digest = GetParam().digest};
  auto reply = operation(client_.pkcs_req(options));

  EXPECT_EQ(reply.message.type, MessageType::cert_rep);
  EXPECT_EQ(reply.message.status, PkiStatus::success);
  EXPECT_EQ(reply.message.transaction_id, options.transaction_id);
  EXPECT_EQ(reply.message.recipient_nonce, options.sender_nonce);
  EXPECT_EQ(reply.message.sender_nonce.size(), 16u);
  EXPECT_NE(reply.message.sender_nonce, options.sender_nonce);
  EXPECT_EQ(reply.message.signer, TestPki::get().ra.certificate);
  EXPECT_EQ(reply.message.digest, GetParam().digest);
  ASSERT_TRUE(reply.envelope);
  EXPECT_EQ(reply.envelope->algorithms.cipher, GetParam().reply_cipher);
  EXPECT_EQ(reply.envelope->algorithms.key_transport, GetParam().request.key_transport);
  EXPECT_EQ(reply.envelope->algorithms.oaep(), GetParam().request.oaep());
  EXPECT_EQ(reply.bag->certificates, std::vector{issued_certificate()});

  ASSERT_EQ(authority_.enrollments.size(), 1u);
  const auto& request = authority_.enrollments[0];
  EXPECT_EQ(request.type, MessageType::pkcs_req);
  EXPECT_EQ(request.transaction_id, options.transaction_id);
  EXPECT_EQ(request.csr.challenge_password(), "secret");
  EXPECT_EQ(request.signer, client_.identity().certificate);
  EXPECT_EQ(request.client_address, "192.0.2.1");
  EXPECT_EQ(outcome_.status, "SUCCESS");
  EXPECT_EQ(outcome_.message_type, "PKCSReq");
  EXPECT_EQ(outcome_.transaction_id, options.transaction_id);
}

INSTANTIATE_TEST_SUITE_P(
    RequestAlgorithms, EngineAlgorithms,
    ::testing::Values(
        AlgorithmCase{{ContentCipher::aes128_cbc, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1},
                      DigestAlg::sha256,
                      ContentCipher::aes128_cbc},
        AlgorithmCase{{ContentCipher::aes192_cbc, KeyTransport::rsa_oaep, DigestAlg::sha1},
                      DigestAlg::sha512,
                      ContentCipher::aes192_cbc},
        AlgorithmCase{{ContentCipher::aes256_cbc, KeyTransport::rsa_oaep, DigestAlg::sha256},
                      DigestAlg::sha1,
                      ContentCipher::aes256_cbc},
        // Java's OAEPWithSHA-256AndMGF1Padding masks with SHA-1.
        AlgorithmCase{
            {ContentCipher::aes256_cbc, KeyTransport::rsa_oaep, DigestAlg::sha256, DigestAlg::sha1},
            DigestAlg::sha256,
            ContentCipher::aes256_cbc},
        AlgorithmCase{{ContentCipher::des_ede3_cbc, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1},
                      DigestAlg::sha1,
                      ContentCipher::des_ede3_cbc},
        // micromdm's scepclient: single DES and SHA-1; the reply is never single DES.
        AlgorithmCase{{ContentCipher::des_cbc, KeyTransport::rsa_pkcs1_v15, DigestAlg::sha1},
                      DigestAlg::sha1,
                      ContentCipher::des_ede3_cbc}));

TEST_F(EngineTest, FullChainFormatAppendsTheChainInOrder) {
  authority_.context().cert_format = CertFormat::full_chain;
  authority_.decision = Issued{issued_certificate()};
  auto reply = operation(client_.pkcs_req());
  const auto& pki = TestPki::get();
  EXPECT_EQ(reply.bag->certificates,
            (std::vector{issued_certificate(), pki.issuing.certificate, pki.root.certificate}));
}

TEST_F(EngineTest, RenewalReqReachesTheAuthorityAsRenewal) {
  authority_.decision = Issued{issued_certificate()};
  auto reply = operation(client_.pkcs_req({.type = MessageType::renewal_req}));
  EXPECT_EQ(reply.message.status, PkiStatus::success);
  ASSERT_EQ(authority_.enrollments.size(), 1u);
  EXPECT_EQ(authority_.enrollments[0].type, MessageType::renewal_req);
  EXPECT_EQ(outcome_.message_type, "RenewalReq");
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2.3
TEST_F(EngineTest, PendingHasNoEnvelope) {
  authority_.decision = Pending{};
  auto reply = operation(client_.pkcs_req());
  EXPECT_EQ(reply.message.status, PkiStatus::pending);
  EXPECT_FALSE(reply.envelope);
  EXPECT_FALSE(reply.message.fail_info);
  EXPECT_EQ(outcome_.status, "PENDING");
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2.2
TEST_F(EngineTest, RejectionCarriesFailInfoAndText) {
  authority_.decision = Rejected{FailInfo::bad_request, "wrong access code"};
  auto reply = operation(client_.pkcs_req());
  expect_failure(reply, FailInfo::bad_request);
  EXPECT_EQ(reply.message.fail_info_text, "wrong access code");
  EXPECT_EQ(outcome_.reason, "wrong access code");
}

TEST_F(EngineTest, AnUnavailableAuthorityGetsNoCertRepButAnError) {
  authority_.decision = Unavailable{"database unreachable"};
  auto response = call(Operation::pki_operation, client_.pkcs_req());
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().category, ErrorCategory::unavailable);
  EXPECT_EQ(response.error().log_text, "database unreachable");
  EXPECT_EQ(outcome_.status, "");

  authority_.crl_decision = Unavailable{"database unreachable"};
  const auto& pki = TestPki::get();
  auto issued = issued_certificate();
  auto query = must(certificate_query_content(issued.issuer_der(), issued.serial()));
  auto crl = call(Operation::pki_operation,
                  client_.message(query, {.type = MessageType::get_crl}, pki.ra.certificate));
  ASSERT_FALSE(crl);
  EXPECT_EQ(crl.error().category, ErrorCategory::unavailable);
}

TEST_F(EngineTest, EnvelopeForAnotherRaIsBadCertId) {
  const auto& other = crypto::testing::shared_identity("other-ra");
  auto reply = operation(client_.message(client_.csr().der(), {}, other.certificate));
  expect_failure(reply, FailInfo::bad_cert_id);
  EXPECT_EQ(reply.message.fail_info_text, crypto::not_our_recipient_text);
  EXPECT_TRUE(authority_.enrollments.empty());
}

TEST_F(EngineTest, EnvelopeThatDoesNotDecryptIsBadMessageCheck) {
  // A certificate with the RA's issuer and serial but another key: the envelope names our RA,
  // yet our key cannot open it.
  const auto& pki = TestPki::get();
  auto other_key = crypto::testing::shared_identity("other-ra").key;
  crypto::CertificateSpec spec{.subject = pki.ra.certificate.subject(),
                               .serial = pki.ra.certificate.serial(),
                               .not_before = crypto::testing::test_epoch(),
                               .not_after = crypto::testing::test_epoch() + std::chrono::hours(24),
                               .public_key = other_key.public_key(),
                               .is_ca = false,
                               .path_length = std::nullopt,
                               .key_usage = crypto::KeyUsage::key_encipherment,
                               .extended_key_usage = {},
                               .alt_names = {},
                               .crl_distribution_points = {},
                               .digest = DigestAlg::sha256};
  auto impostor = must(crypto::issue_certificate(spec, &pki.issuing.certificate, pki.issuing.key));
  ClientOptions options;
  options.algorithms.key_transport = KeyTransport::rsa_oaep;
  auto reply = operation(client_.message(client_.csr().der(), options, impostor));
  expect_failure(reply, FailInfo::bad_message_check);
}

TEST_F(EngineTest, TamperedSignatureIsAnError) {
  auto message = client_.pkcs_req();
  auto id = to_bytes(ClientOptions{}.transaction_id);
  auto at = std::search(message.begin(), message.end(), id.begin(), id.end());
  ASSERT_NE(at, message.end());
  *at ^= 0x01;
  auto response = call(Operation::pki_operation, message);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().category, ErrorCategory::bad_message_check);
  EXPECT_FALSE(outcome_.reason.empty());
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.4
TEST_F(EngineTest, StaleSigningTimeIsBadTime) {
  ClientOptions options;
  options.signing_time = clock_.now() - std::chrono::hours(25);
  expect_failure(operation(client_.pkcs_req(options)), FailInfo::bad_time);
  options.signing_time = clock_.now() + std::chrono::hours(25);
  expect_failure(operation(client_.pkcs_req(options)), FailInfo::bad_time);
  options.signing_time = clock_.now() - std::chrono::hours(23);
  authority_.decision = Pending{};
  EXPECT_EQ(operation(client_.pkcs_req(options)).message.status, PkiStatus::pending);
}

TEST_F(EngineTest, GarbageIsAnError) {
  auto valid = client_.pkcs_req();
  for (const auto& input : std::vector<Bytes>{{},
                                              {0x30, 0x80},
                                              to_bytes("hello"),
                                              Bytes(valid.begin(), valid.begin() + 100),
                                              Bytes(valid.begin(), valid.end() - 1)}) {
    auto response = call(Operation::pki_operation, input);
    ASSERT_FALSE(response);
    EXPECT_EQ(response.error().category, ErrorCategory::bad_request);
  }
}

TEST_F(EngineTest, MissingTransactionIdIsAnError) {
  const auto& identity = client_.identity();
  std::vector<crypto::SignedAttribute> attributes{
      {std::string(attribute_oid::message_type), crypto::AttributeEncoding::printable_string,
       to_bytes("19")},
      {std::string(attribute_oid::sender_nonce), crypto::AttributeEncoding::octet_string,
       Bytes(16, 1)}};
  auto message = must(crypto::sign_message(as_bytes("x"), identity.certificate, identity.key,
                                           {.digest = DigestAlg::sha256,
                                            .attributes = attributes,
                                            .signing_time = clock_.now(),
                                            .extra_certificates = {}}));
  auto response = call(Operation::pki_operation, message);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().category, ErrorCategory::bad_request);
}

TEST_F(EngineTest, UnknownMessageTypeIsBadRequest) {
  auto message = client_.pkcs_req({.type = static_cast<MessageType>(99)});
  expect_failure(operation(message), FailInfo::bad_request);
  EXPECT_EQ(outcome_.message_type, "unknown");
  // A CertRep sent as a request is no request either.
  expect_failure(operation(client_.pkcs_req({.type = MessageType::cert_rep})),
                 FailInfo::bad_request);
}

TEST_F(EngineTest, Sha1RejectedWhenNotAllowed) {
  authority_.context().allow_sha1 = false;
  auto reply = operation(client_.pkcs_req({.digest = DigestAlg::sha1}));
  expect_failure(reply, FailInfo::bad_alg);
  EXPECT_EQ(reply.message.digest, DigestAlg::sha256);
}

TEST_F(EngineTest, DesRejectedWhenNotAllowed) {
  authority_.context().allow_des3 = false;
  for (auto cipher : {ContentCipher::des_ede3_cbc, ContentCipher::des_cbc}) {
    ClientOptions options;
    options.algorithms.cipher = cipher;
    expect_failure(operation(client_.pkcs_req(options)), FailInfo::bad_alg);
  }
  EXPECT_TRUE(authority_.enrollments.empty());
}

TEST_F(EngineTest, UnparsableCsrIsBadRequest) {
  auto message = client_.message(to_bytes("not a CSR"), {}, TestPki::get().ra.certificate);
  expect_failure(operation(message), FailInfo::bad_request);
}

TEST_F(EngineTest, CsrWithAnUnsupportedKeyAlgorithmIsBadAlg) {
  // `openssl req -new -key ed25519.pem -subj /CN=ed25519 -outform DER`
  Bytes ed25519_csr;
  ASSERT_TRUE(hex_decode(
      "308191304502010030123110300e06035504030c0765643235353139302a300506032b6570032100dc5808bf7d"
      "d62c1ad429fa873effadff8cbe7459d9893a20450a0cb961c81426a000300506032b6570034100dc7a1a87185d"
      "0a0ab42d121a79ae743952fdb262374b9d628bffe515b43a20b1bcdb7f25103da1e00589691d9e817f1d7ff851"
      "0e4a9c18f989064693961f850e",
      ed25519_csr));
  auto message = client_.message(ed25519_csr, {}, TestPki::get().ra.certificate);
  expect_failure(operation(message), FailInfo::bad_alg);
  EXPECT_TRUE(authority_.enrollments.empty());
}

TEST_F(EngineTest, CsrWithBadSignatureIsBadMessageCheck) {
  auto csr = client_.csr().der();
  csr[csr.size() - 5] ^= 0x5A;  // inside the signature value
  auto message = client_.message(csr, {}, TestPki::get().ra.certificate);
  expect_failure(operation(message), FailInfo::bad_message_check);
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.3
TEST_F(EngineTest, CertPollReachesTheAuthorityWithNames) {
  const auto& pki = TestPki::get();
  authority_.decision = Issued{issued_certificate()};
  auto csr = client_.csr();
  auto content = must(cert_poll_content(pki.issuing.certificate.subject_der(),
                                        client_.identity().certificate.subject_der()));
  auto reply =
      operation(client_.message(content, {.type = MessageType::cert_poll}, pki.ra.certificate));
  EXPECT_EQ(reply.message.status, PkiStatus::success);
  ASSERT_EQ(authority_.polls.size(), 1u);
  EXPECT_EQ(authority_.polls[0].issuer, pki.issuing.certificate.subject());
  EXPECT_EQ(authority_.polls[0].subject, client_.identity().certificate.subject());
  EXPECT_EQ(outcome_.message_type, "CertPoll");

  auto garbage =
      client_.message(to_bytes("x"), {.type = MessageType::cert_poll}, pki.ra.certificate);
  expect_failure(operation(garbage), FailInfo::bad_request);
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.4
TEST_F(EngineTest, GetCertAndGetCrl) {
  const auto& pki = TestPki::get();
  auto issued = issued_certificate();
  auto content = must(certificate_query_content(issued.issuer_der(), issued.serial()));

  authority_.decision = Issued{issued};
  auto cert_reply =
      operation(client_.message(content, {.type = MessageType::get_cert}, pki.ra.certificate));
  EXPECT_EQ(cert_reply.bag->certificates, std::vector{issued});
  ASSERT_EQ(authority_.queries.size(), 1u);
  EXPECT_EQ(authority_.queries[0].issuer_der, issued.issuer_der());
  EXPECT_EQ(authority_.queries[0].serial, issued.serial());

  auto crl =
      must(crypto::issue_crl({.entries = {},
                              .this_update = crypto::testing::test_epoch(),
                              .next_update = crypto::testing::test_epoch() + std::chrono::hours(1),
                              .crl_number = {1},
                              .digest = DigestAlg::sha256},
                             pki.issuing.certificate, pki.issuing.key));
  authority_.crl_decision = CrlIssued{crl};
  auto crl_reply =
      operation(client_.message(content, {.type = MessageType::get_crl}, pki.ra.certificate));
  EXPECT_EQ(crl_reply.message.status, PkiStatus::success);
  EXPECT_TRUE(crl_reply.bag->certificates.empty());
  ASSERT_EQ(crl_reply.bag->crls.size(), 1u);
  EXPECT_EQ(crl_reply.bag->crls[0].der(), crl.der());

  authority_.crl_decision = Rejected{FailInfo::bad_cert_id, "unknown issuer"};
  expect_failure(
      operation(client_.message(content, {.type = MessageType::get_crl}, pki.ra.certificate)),
      FailInfo::bad_cert_id);
}

}  // namespace
}  // namespace scepter::scep
