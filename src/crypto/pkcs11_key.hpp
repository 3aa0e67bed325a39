#pragma once
// Private keys held in a PKCS#11 token (an HSM, SoftHSM2), named by pkcs11: URIs. A loaded key is
// an ordinary PrivateKey whose private operations run inside the token, through OpenSSL's PKCS#11
// engine (libengine-pkcs11-openssl), so certificate and CRL signing, CMS signing and CMS
// decryption work unchanged; the private half never leaves the token (to_pem() fails).
//
// One PKCS#11 module serves a process, fixed by the first key loaded: the URI's module-path, or
// else Pkcs11Settings::module_path.

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "crypto/key.hpp"
#include "crypto/pkcs11_uri.hpp"

namespace scepter::crypto {

struct Pkcs11Settings {
  std::string module_path;  // for URIs without module-path; empty: they must carry one
  // The environment variable holding the user PIN when the URI has neither pin-value nor
  // pin-source. The PIN itself never appears in configuration, logs or errors.
  std::string pin_env = "SCEPTER_PKCS11_PIN";
};

// Process-wide: set at start-up, before the first key is loaded.
void configure_pkcs11(Pkcs11Settings settings);
Pkcs11Settings pkcs11_settings();

// Errors: bad_request for a malformed URI; crypto, with the URI (never the PIN) in the client
// text, when the engine or module is missing, the token or object is not found or the PIN is
// wrong; conflict when the URI names a module other than the one this process already uses.
Result<PrivateKey> load_pkcs11_key(std::string_view uri);

struct TokenKey {
  PrivateKey key;
  std::string uri;  // Pkcs11Uri::reference(): names the new private key, without the PIN
};

// Generates a key pair inside the token that token_uri names (token label or serial), labelled
// `label` with a fresh random CKA_ID. The private key is sensitive and not extractable. Accepts
// RSA 2048/3072/4096 and EC P-256/P-384 (invalid otherwise).
Result<TokenKey> generate_pkcs11_key(std::string_view token_uri, const KeySpec& spec,
                                     std::string_view label);

}  // namespace scepter::crypto
