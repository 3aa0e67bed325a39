#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "crypto/key.hpp"
#include "crypto/name.hpp"

namespace scepter::crypto {

struct Pkcs10Request;

// A PKCS#10 certification request, as received from a client.
class Csr {
 public:
  // Parses DER. bad_request when it is not exactly one version 1 CertificationRequest or its key
  // does not decode; bad_alg when the key is neither RSA nor EC on P-256, P-384 or P-521.
  static Result<Csr> from_der(ByteView der);

  Bytes der() const;
  // The request with every challengePassword attribute taken out, for keeping: the access code it
  // carries must never be stored. Its signature covers the request as received, so it no longer
  // verifies; everything else (subject, key, requested extensions) reads as before.
  Result<Bytes> der_without_challenge_password() const;
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

 private:
  Csr(std::shared_ptr<Pkcs10Request> request, PublicKey key)
      : request_(std::move(request)), key_(std::move(key)) {}

  std::shared_ptr<Pkcs10Request> request_;
  PublicKey key_;  // read from the request: every Csr has a usable one
};

}  // namespace scepter::crypto
