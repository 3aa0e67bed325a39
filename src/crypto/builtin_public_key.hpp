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

// The key, or null when the algorithm is neither rsaEncryption nor id-ecPublicKey or the bits
// do not decode.
PkeyHandle builtin_public_key(const X509_ALGOR& algorithm, const ASN1_BIT_STRING& bits);

}  // namespace scepter::crypto
