#pragma once
// The certificate identifiers SCEP's GetCert, GetCRL and CertPoll carry (RFC 8894 sections 3.3.3
// and 3.3.4): IssuerAndSerialNumber from CMS, and SCEP's IssuerAndSubject.

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "crypto/name.hpp"

namespace scepter::crypto {

struct IssuerAndSerial {
  Bytes issuer_der;  // DER of the issuer Name
  Bytes serial;      // big-endian magnitude, no sign byte
};

struct IssuerAndSubject {
  Bytes issuer_der;
  Bytes subject_der;
  DistinguishedName issuer;
  DistinguishedName subject;
};

// bad_request when the DER is not exactly one such structure.
Result<IssuerAndSerial> parse_issuer_and_serial(ByteView der);
Result<IssuerAndSubject> parse_issuer_and_subject(ByteView der);

// bad_request when a Name is not DER; invalid (field "serial") for a serial that is not a
// positive number of at most 20 bytes.
Result<Bytes> encode_issuer_and_serial(ByteView issuer_der, ByteView serial);
Result<Bytes> encode_issuer_and_subject(ByteView issuer_der, ByteView subject_der);

}  // namespace scepter::crypto
