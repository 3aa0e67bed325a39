#pragma once
// Building and signing certificates and CRLs. Policy (what goes in) is decided by ca/; this file
// only encodes what it is told.

#include <optional>
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/key.hpp"
#include "crypto/name.hpp"

struct X509_crl_st;

namespace scepter::crypto {

// keyUsage bits (RFC 5280 4.2.1.3), combinable.
enum KeyUsage : unsigned {
  digital_signature = 1u << 0,
  non_repudiation = 1u << 1,
  key_encipherment = 1u << 2,
  data_encipherment = 1u << 3,
  key_agreement = 1u << 4,
  key_cert_sign = 1u << 5,
  crl_sign = 1u << 6,
};

enum class DigestAlg { sha1, sha256, sha384, sha512 };

struct CertificateSpec {
  DistinguishedName subject{};
  Bytes serial{};  // positive, big-endian, at most 20 bytes
  TimePoint not_before{};
  TimePoint not_after{};
  PublicKey public_key;
  bool is_ca = false;
  std::optional<int> path_length{};               // for CA certificates
  unsigned key_usage = 0;                         // KeyUsage bits; 0 means no extension
  std::vector<std::string> extended_key_usage{};  // dotted OIDs, e.g. "1.3.6.1.5.5.7.3.2"
  std::vector<SubjectAltName> alt_names{};
  std::vector<std::string> crl_distribution_points{};  // URLs
  DigestAlg digest = DigestAlg::sha256;
};

// Signs spec with issuer_key (RSA PKCS#1 v1.5 or ECDSA, with spec.digest). With issuer absent the
// certificate is self-signed (a root) and spec.public_key must be issuer_key's. Writes version 3;
// subject values as UTF8String except where the attribute fixes another type (C PrintableString);
// basicConstraints (critical, CA:FALSE for end entities), keyUsage (critical), extendedKeyUsage,
// subjectAltName, cRLDistributionPoints, subjectKeyIdentifier and authorityKeyIdentifier (the
// issuer's key id). Errors name the spec field (invalid) when a value cannot be encoded.
Result<Certificate> issue_certificate(const CertificateSpec& spec, const Certificate* issuer,
                                      const PrivateKey& issuer_key);

// CRLReason codes (RFC 5280 5.3.1).
enum class RevocationReason {
  unspecified = 0,
  key_compromise = 1,
  ca_compromise = 2,
  affiliation_changed = 3,
  superseded = 4,
  cessation_of_operation = 5,
  certificate_hold = 6,
  privilege_withdrawn = 9,
};
Result<RevocationReason> parse_revocation_reason(std::string_view name);  // "keyCompromise", ...
std::string to_string(RevocationReason reason);

struct RevokedEntry {
  Bytes serial{};
  TimePoint revoked_at{};
  RevocationReason reason = RevocationReason::unspecified;
  bool operator==(const RevokedEntry&) const = default;
};

class Crl {
 public:
  static Result<Crl> from_der(ByteView der);
  Bytes der() const;
  std::string pem() const;
  DistinguishedName issuer() const;
  TimePoint this_update() const;
  std::optional<TimePoint> next_update() const;
  std::optional<Bytes> crl_number() const;  // big-endian magnitude
  // Revoked certificates; a missing or unknown reasonCode reads as unspecified.
  std::vector<RevokedEntry> entries() const;
  // The signature verifies with issuer's key and the CRL names issuer's subject.
  bool is_signed_by(const Certificate& issuer) const;
  X509_crl_st* native() const { return crl_.get(); }
  explicit Crl(std::shared_ptr<X509_crl_st> crl) : crl_(std::move(crl)) {}

 private:
  std::shared_ptr<X509_crl_st> crl_;
};

struct CrlSpec {
  std::vector<RevokedEntry> entries{};
  TimePoint this_update{};
  TimePoint next_update{};
  Bytes crl_number{};  // big-endian, positive (RFC 5280 5.2.3: increases with every CRL)
  DigestAlg digest = DigestAlg::sha256;
};

// A v2 CRL with cRLNumber and authorityKeyIdentifier, entries sorted by serial; an entry's
// reasonCode is left out for `unspecified`, as RFC 5280 5.3.1 asks.
Result<Crl> issue_crl(const CrlSpec& spec, const Certificate& issuer, const PrivateKey& issuer_key);

}  // namespace scepter::crypto
