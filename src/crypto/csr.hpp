#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "crypto/key.hpp"
#include "crypto/name.hpp"

struct X509_req_st;

namespace scepter::crypto {

// A PKCS#10 certification request, as received from a client.
class Csr {
 public:
  // Parses DER; bad_request when it is not exactly one CertificationRequest, bad_alg when its
  // key is neither RSA nor EC.
  static Result<Csr> from_der(ByteView der);

  Bytes der() const;
  DistinguishedName subject() const;
  Bytes subject_der() const;  // DER of the Name, as a CertPoll's IssuerAndSubject carries it
  PublicKey public_key() const;
  // The request's self-signature verifies with its own public key (bad_message_check if not).
  Status verify_signature() const;
  // challengePassword attribute, decoded from any DirectoryString choice (and IA5String) to
  // UTF-8; nullopt when absent, multi-valued or not decodable.
  std::optional<std::string> challenge_password() const;
  // subjectAltName from the extensionRequest attribute (or Microsoft's older equivalent), if
  // any; forms other than dns, email, uri, ip and UPN are left out.
  std::vector<SubjectAltName> requested_alt_names() const;

  X509_req_st* native() const { return req_.get(); }
  explicit Csr(std::shared_ptr<X509_req_st> req) : req_(std::move(req)) {}

 private:
  std::shared_ptr<X509_req_st> req_;
};

}  // namespace scepter::crypto
