#pragma once
// CMS SignedData the way SCEP uses it (RFC 8894 section 3.1): one signer identified by issuer and
// serial number, signed attributes, the signer's certificate inside, content type id-data.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/issue.hpp"
#include "crypto/key.hpp"

namespace scepter::crypto {

// The ASN.1 string types SCEP's attributes use.
enum class AttributeEncoding { printable_string, utf8_string, octet_string };

struct SignedAttribute {
  std::string oid;  // dotted, e.g. "2.16.840.1.113733.1.9.2"
  AttributeEncoding encoding = AttributeEncoding::printable_string;
  Bytes value;
};

struct SignedMessage {
  Certificate signer;
  DigestAlg digest = DigestAlg::sha256;
  // The signed attributes whose single value is a string or an octet string, in message order.
  std::vector<SignedAttribute> attributes;
  std::optional<TimePoint> signing_time;
  // The encapsulated content; empty when absent.
  Bytes content;

  const SignedAttribute* attribute(std::string_view oid) const;
};

// Parses a DER (or BER) SignedData and verifies its one signer with the certificate the message
// carries. No chain is built: SCEP requesters sign with self-signed certificates, and whether a
// renewal signer is trusted is the caller's policy.
// Errors: bad_request when the bytes are not such a SignedData (no signer certificate, several
// signers, no signed attributes); bad_alg for a digest other than SHA-1/256/384/512;
// bad_message_check when the signature or the content digest does not verify.
Result<SignedMessage> parse_signed_message(ByteView der);

struct SigningOptions {
  DigestAlg digest = DigestAlg::sha256;
  std::span<const SignedAttribute> attributes;
  std::optional<TimePoint> signing_time;
  // Certificates carried besides the signer's own.
  std::span<const Certificate> extra_certificates;
};

// A DER SignedData over `content` (id-data; empty content is still encapsulated, as a zero-length
// eContent), signed by key with the signer certificate included and identified by issuer and serial
// number. The signed attributes are content-type, message-digest, signingTime when
// options.signing_time is given, and options.attributes. An RSA signer is named rsaEncryption, as
// OpenSSL's CMS code does; bad_alg for a key that has no signature algorithm with the digest.
Result<Bytes> sign_message(ByteView content, const Certificate& signer, const PrivateKey& key,
                           const SigningOptions& options);

}  // namespace scepter::crypto
