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
  // Parses DER; bad_request when it is not a CertificationRequest.
  static Result<Csr> from_der(ByteView der);

  Bytes der() const;
  DistinguishedName subject() const;
  PublicKey public_key() const;
  // The request's self-signature verifies with its own public key (bad_message_check if not).
  Status verify_signature() const;
  // challengePassword attribute, decoded from any DirectoryString choice to UTF-8.
  std::optional<std::string> challenge_password() const;
  // subjectAltName from the extensionRequest attribute, if any.
  std::vector<SubjectAltName> requested_alt_names() const;

  X509_req_st* native() const { return req_.get(); }
  explicit Csr(std::shared_ptr<X509_req_st> req) : req_(std::move(req)) {}

 private:
  std::shared_ptr<X509_req_st> req_;
};

}  // namespace scepter::crypto
