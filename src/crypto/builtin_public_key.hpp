#pragma once
// Public keys read straight from a SubjectPublicKeyInfo's algorithm and key bits, as OpenSSL's
// built-in (non-provider) key kinds. Internal to crypto/.
//
// OpenSSL 3.0 decodes every key it meets in a certificate or request through a decoder look-up
// that costs more than an RSA signature verification (about 150 µs, twice per enrollment when
// done that way); these keys skip it. OpenSSL still hands them to its providers when they are
// used.

#include "crypto/handles.hpp"

namespace scepter::crypto {

// rsaEncryption, or id-ecPublicKey on a named NIST curve (P-256, P-384, P-521). Specified curves
// are refused: RFC 5480 section 2.1.1 rules them out, and they would put arbitrary-curve
// arithmetic on client input.
bool supported_key_algorithm(const X509_ALGOR& algorithm);

// The key, or null when the algorithm is not supported or the bits are not a valid key of it:
// an RSA key that is not DER (padded or negative integers), whose exponent is even or 1, or that
// is followed by other bytes; an EC point off the curve or at infinity. Leaves no error queued.
PkeyHandle builtin_public_key(const X509_ALGOR& algorithm, const ASN1_BIT_STRING& bits);

}  // namespace scepter::crypto
