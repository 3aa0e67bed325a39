#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "crypto/key.hpp"
#include "crypto/name.hpp"

struct x509_st;

namespace scepter::crypto {

// An X.509 certificate: immutable, cheap to copy, safe to share across threads.
// Parsing fails with bad_request for malformed input or trailing bytes, and with bad_alg for a
// key that is neither RSA nor EC, so public_key() always has a usable key.
class Certificate {
 public:
  static Result<Certificate> from_der(ByteView der);
  static Result<Certificate> from_pem(std::string_view pem);
  // Every certificate in a PEM bundle, in file order; an empty bundle is an error.
  static Result<std::vector<Certificate>> bundle_from_pem(std::string_view pem);

  Bytes der() const;
  std::string pem() const;

  DistinguishedName subject() const;
  DistinguishedName issuer() const;
  std::string subject_text() const;  // to_string(subject())
  Bytes subject_der() const;         // DER of the Name, for exact matching
  Bytes issuer_der() const;
  Bytes serial() const;            // big-endian magnitude, no sign byte
  std::string serial_hex() const;  // lower-case hex of serial()
  TimePoint not_before() const;
  TimePoint not_after() const;
  PublicKey public_key() const;
  std::vector<SubjectAltName> subject_alt_names() const;
  std::string sha256_fingerprint() const;  // lower-case hex of SHA-256 over the DER
  std::string sha1_thumbprint() const;     // upper-case hex, as Windows shows it
  bool is_ca() const;
  bool is_self_issued() const;  // subject == issuer

  // The signature on this certificate verifies with issuer's key and the names chain.
  bool is_signed_by(const Certificate& issuer) const;

  bool operator==(const Certificate& other) const;  // same DER
  x509_st* native() const { return cert_.get(); }

  explicit Certificate(std::shared_ptr<x509_st> cert) : cert_(std::move(cert)) {}

 private:
  std::shared_ptr<x509_st> cert_;
};

std::string to_pem(const std::vector<Certificate>& chain);

}  // namespace scepter::crypto
