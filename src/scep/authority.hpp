#pragma once
// What the transport-free SCEP engine needs from the rest of the system. ca/ implements it.

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/csr.hpp"
#include "crypto/issue.hpp"
#include "crypto/key.hpp"
#include "scep/service.hpp"
#include "scep/types.hpp"

namespace scepter::scep {

struct ReadReplies;

// Everything the engine needs to answer on one endpoint, loaded once and shared read-only.
struct EndpointContext {
  std::string uri_extension;
  crypto::Certificate ra_certificate;
  crypto::PrivateKey ra_key;
  // The issuing CA first, then its intermediates, the root last.
  std::vector<crypto::Certificate> ca_chain;
  // The next issuing CA's chain (same order) while a rollover is prepared; empty otherwise.
  std::vector<crypto::Certificate> next_ca_chain;
  CaCertFormat ca_cert_format = CaCertFormat::single_pem;
  CertFormat cert_format = CertFormat::single;
  bool allow_des3 = true;  // advertise DES3 and accept DES-EDE3-CBC requests
  bool allow_sha1 = true;  // advertise SHA-1 and accept SHA-1 signed requests
  // An enrollment waits on another service before it is decided (Intune's challenge validation).
  bool enrollment_waits_on_remote = false;
  // Set by whoever loads the context (read_replies() below), so that GetCACaps and GetCACert
  // copy bytes instead of encoding; when absent the engine encodes per request.
  std::shared_ptr<const ReadReplies> read_replies;
};

// GetCACaps and GetCACert answer the same bytes until the endpoint's configuration changes.
struct ReadReplies {
  Response capabilities;    // GetCACaps
  Response ca_certificate;  // GetCACert
};
// Encodes both for `endpoint`; fails as ca_cert_response does (a chain that cannot be encoded).
Result<ReadReplies> read_replies(const EndpointContext& endpoint);

// A PKCSReq or RenewalReq whose envelope opened and whose signature verified.
struct EnrollmentRequest {
  MessageType type = MessageType::pkcs_req;
  std::string transaction_id;
  crypto::Csr csr;
  // The certificate that signed the pkiMessage: self-signed for a first enrollment, or a
  // certificate the CA issued earlier when a client renews.
  crypto::Certificate signer;
  std::string client_address;
};

// CertPoll / GetCertInitial (RFC 8894 section 3.3.3).
struct PollRequest {
  std::string transaction_id;
  crypto::DistinguishedName issuer;
  crypto::DistinguishedName subject;
  crypto::Certificate signer;
  std::string client_address;
};

// GetCert and GetCRL name a certificate by issuer and serial (RFC 8894 section 3.3.4).
struct CertificateQuery {
  std::string transaction_id;
  Bytes issuer_der;
  Bytes serial;
  crypto::Certificate signer;
  std::string client_address;
};

// The issued certificate alone: the engine adds the chain the endpoint's CertFormat asks for.
struct Issued {
  crypto::Certificate certificate;
};
struct CrlIssued {
  crypto::Crl crl;
};
struct Pending {};
struct Rejected {
  FailInfo fail_info = FailInfo::bad_request;
  std::string text;  // failInfoText: short, safe for the client
};

// No decision now: a dependency (the database) is down. Not a verdict on the request, so no
// CertRep: the engine fails with category unavailable (HTTP 503 with Retry-After) and the client
// retries the same transaction later.
struct Unavailable {
  std::string detail;  // for the log
};
using Decision = std::variant<Issued, Pending, Rejected, Unavailable>;
using CrlDecision = std::variant<CrlIssued, Rejected, Unavailable>;

class Authority {
 public:
  virtual ~Authority() = default;
  // not_found for an unknown or disabled endpoint.
  virtual Result<std::shared_ptr<const EndpointContext>> endpoint(
      std::string_view uri_extension) = 0;
  virtual Decision enroll(const EndpointContext& endpoint, const EnrollmentRequest& request) = 0;
  virtual Decision poll(const EndpointContext& endpoint, const PollRequest& request) = 0;
  virtual Decision get_cert(const EndpointContext& endpoint, const CertificateQuery& query) = 0;
  virtual CrlDecision get_crl(const EndpointContext& endpoint, const CertificateQuery& query) = 0;
};

}  // namespace scepter::scep
