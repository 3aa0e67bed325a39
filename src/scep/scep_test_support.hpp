#pragma once
// A SCEP client and a scripted Authority for the engine's tests. Test-only: included by
// *_test.cpp files, never by library code.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/cms_client_request.hpp"
#include "crypto/cms_test_support.hpp"
#include "scep/authority.hpp"
#include "scep/cert_poll.hpp"
#include "scep/certificate_query.hpp"
#include "scep/client.hpp"
#include "scep/pki_message.hpp"

namespace scepter::scep::testing {

using crypto::testing::Identity;
using crypto::testing::must;

// Root -> issuing CA -> RA, created once per process.
struct TestPki {
  Identity root;
  Identity issuing;
  Identity ra;

  static const TestPki& get() {
    static const TestPki pki = [] {
      using crypto::KeyUsage;
      auto root = crypto::testing::make_identity(
          {.common_name = "Test Root",
           .is_ca = true,
           .key_usage = KeyUsage::key_cert_sign | KeyUsage::crl_sign});
      auto issuing = crypto::testing::make_identity(
          {.common_name = "Test Issuing CA",
           .issuer = &root,
           .is_ca = true,
           .key_usage = KeyUsage::key_cert_sign | KeyUsage::crl_sign});
      auto ra = crypto::testing::make_identity({.common_name = "Test RA", .issuer = &issuing});
      return TestPki{std::move(root), std::move(issuing), std::move(ra)};
    }();
    return pki;
  }

  std::shared_ptr<EndpointContext> endpoint() const {
    return std::make_shared<EndpointContext>(EndpointContext{
        .uri_extension = "test",
        .ra_certificate = ra.certificate,
        .ra_key = ra.key,
        .ca_chain = {issuing.certificate, root.certificate},
        .next_ca_chain = {},
        .ca_cert_format = CaCertFormat::single_pem,
        .cert_format = CertFormat::single,
        .allow_des3 = true,
        .allow_sha1 = true,
    });
  }
};

// Answers with whatever the test scripts and remembers what it was asked.
class FakeAuthority final : public Authority {
 public:
  explicit FakeAuthority(std::shared_ptr<EndpointContext> endpoint)
      : endpoint_(std::move(endpoint)) {}

  Result<std::shared_ptr<const EndpointContext>> endpoint(std::string_view uri_extension) override {
    if (uri_extension != endpoint_->uri_extension) {
      return fail(ErrorCategory::not_found, "unknown endpoint");
    }
    return std::shared_ptr<const EndpointContext>(endpoint_);
  }
  Decision enroll(const EndpointContext&, const EnrollmentRequest& request) override {
    enrollments.push_back(request);
    return decision;
  }
  Decision poll(const EndpointContext&, const PollRequest& request) override {
    polls.push_back(request);
    return decision;
  }
  Decision get_cert(const EndpointContext&, const CertificateQuery& query) override {
    queries.push_back(query);
    return decision;
  }
  CrlDecision get_crl(const EndpointContext&, const CertificateQuery& query) override {
    queries.push_back(query);
    return crl_decision;
  }

  EndpointContext& context() { return *endpoint_; }

  Decision decision = Pending{};
  CrlDecision crl_decision = Rejected{FailInfo::bad_cert_id, "no CRL"};
  std::vector<EnrollmentRequest> enrollments;
  std::vector<PollRequest> polls;
  std::vector<CertificateQuery> queries;

 private:
  std::shared_ptr<EndpointContext> endpoint_;
};

struct ClientOptions {
  MessageType type = MessageType::pkcs_req;
  crypto::EnvelopeAlgorithms algorithms{crypto::ContentCipher::aes256_cbc,
                                        crypto::KeyTransport::rsa_pkcs1_v15,
                                        crypto::DigestAlg::sha1};
  crypto::DigestAlg digest = crypto::DigestAlg::sha256;
  TimePoint signing_time = crypto::testing::test_epoch();
  std::string transaction_id = "7f3c0a1e9b2d4c5f";
  Bytes sender_nonce = Bytes(16, 0x42);
};

// Builds requests the way RFC 8894 clients do: content encrypted to the RA certificate, wrapped
// in a pkiMessage signed with the client's (self-signed) certificate.
class TestClient {
 public:
  explicit TestClient(Identity identity) : identity_(std::move(identity)) {}

  const Identity& identity() const { return identity_; }

  crypto::Csr csr(std::optional<std::string> challenge = "secret") const {
    return must(crypto::build_csr({.subject = {{"CN", "device-1"}},
                                   .challenge_password = std::move(challenge),
                                   .alt_names = {},
                                   .digest = crypto::DigestAlg::sha256},
                                  identity_.key));
  }

  Bytes message(ByteView content, const ClientOptions& options,
                const crypto::Certificate& recipient) const {
    return must(client::build_request(header(options), content, recipient, options.algorithms,
                                      signer(options)));
  }

  Bytes signed_message(Bytes envelope, const ClientOptions& options) const {
    return must(client::wrap_envelope(header(options), std::move(envelope), signer(options)));
  }

  Bytes pkcs_req(const ClientOptions& options = {}) const {
    return message(csr().der(), options, TestPki::get().ra.certificate);
  }

  using Reply = client::Reply;

  // Verifies the CertRep and opens its envelope with the client's key.
  Reply read_reply(ByteView der) const {
    return must(client::read_reply(der, identity_.certificate, identity_.key));
  }

 private:
  static client::RequestHeader header(const ClientOptions& options) {
    return {options.type, options.transaction_id, options.sender_nonce};
  }
  MessageSigner signer(const ClientOptions& options) const {
    return {.certificate = identity_.certificate,
            .key = identity_.key,
            .digest = options.digest,
            .signing_time = options.signing_time};
  }

  Identity identity_;
};

}  // namespace scepter::scep::testing
