#pragma once
// Certificates parsed without OpenSSL 3.0's key decoding. Internal to crypto/.
//
// OpenSSL 3.0 decodes the key of every certificate it parses through its decoder look-up, which
// costs about as much as verifying an RSA signature (see builtin_public_key.hpp). Parsed in a
// library context that holds only OpenSSL's "null" provider, the look-up finds nothing and the
// key stays undecoded; the built-in key made from the key's bits can then be set instead.

#include "crypto/certificate.hpp"
#include "crypto/handles.hpp"

namespace scepter::crypto {

// The certificate without its key: names, serial and extensions can be read, the key cannot.
// Null when `der` is not exactly one certificate, and on OpenSSL other than 3.0, whose handling
// of X509_set_pubkey set_builtin_key relies on.
X509Handle decode_keyless(ByteView der);

// Sets the built-in key made from the bits of the certificate's key. The certificate keeps the
// bytes it was parsed from (OpenSSL 3.0's X509_set_pubkey leaves them in place), but its
// SubjectPublicKeyInfo is encoded again from the key, so this holds only when that gives back
// the one received. False otherwise: an unsupported key, or one encoded some other valid way.
bool set_builtin_key(X509& keyless);

// The certificate whole: `keyless` (decode_keyless(der), or null) with its built-in key when
// that holds, `der` parsed the usual way otherwise. Certificate::from_der's errors.
Result<Certificate> complete_certificate(X509Handle keyless, ByteView der);

}  // namespace scepter::crypto
