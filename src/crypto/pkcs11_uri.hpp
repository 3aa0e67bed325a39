#pragma once
// RFC 7512 PKCS#11 URIs naming a token or a private key in it, e.g.
//   pkcs11:token=scepter;id=%a1%b2;object=issuing-ca;type=private?module-path=/usr/lib/x.so
// The path says which token and object; the query says how to reach it (module-path) and may
// carry the PIN (pin-value, or pin-source naming a file). PINs never leave this struct in text
// meant for logs or storage.

#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/error.hpp"

namespace scepter::crypto {

inline constexpr std::string_view kPkcs11Scheme = "pkcs11:";

bool is_pkcs11_uri(std::string_view text);

struct Pkcs11Uri {
  // Path attributes, percent-decoded. `path` keeps them in their original encoding.
  std::string path;
  std::string token;   // token label
  std::string serial;  // token serial number
  std::string object;  // object label
  Bytes id;            // CKA_ID
  std::string type;    // "private", "public", "cert", ... (empty: any)
  // Query attributes, percent-decoded.
  std::string module_path;
  std::string pin_value;
  std::string pin_source;

  // bad_request naming what is wrong: another scheme, an unknown attribute, a bad %-escape, a
  // repeated attribute.
  static Result<Pkcs11Uri> parse(std::string_view text);

  // Only the path: safe for logs, and what OpenSSL's PKCS#11 engine is given.
  std::string object_uri() const;
  // The path, module-path and pin-source (a file name, not a secret), never pin-value: what
  // scepter stores as a key reference.
  std::string reference() const;
};

// Percent-encodes a path attribute value (everything but RFC 3986 unreserved characters).
std::string pkcs11_escape(ByteView value);

// The user PIN for uri: pin-value, else the contents of the pin-source file (one trailing newline
// dropped), else the environment variable pin_env when it is set and not empty. Empty when none
// of them gives one. not_found when the pin-source file cannot be read.
Result<std::string> resolve_pkcs11_pin(const Pkcs11Uri& uri, std::string_view pin_env);

}  // namespace scepter::crypto
