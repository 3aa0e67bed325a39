#include "ca/access_code.hpp"

#include "crypto/random.hpp"

namespace scepter::ca {
namespace {

constexpr std::string_view kGeneratedAlphabet =
    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

// X.680 PrintableString: letters, digits, space and '()+,-./:=?
bool printable(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return std::string_view(" '()+,-./:=?").find(c) != std::string_view::npos;
}

}  // namespace

Bytes AccessCodes::digest(std::string_view code) const {
  return crypto::hmac_sha256(key_, as_bytes(code));
}

std::string AccessCodes::generate() {
  // Look-alike characters (0/O, 1/l/I) are left out: codes are read off screens and typed.
  return crypto::random_string(kGeneratedLength, kGeneratedAlphabet);
}

Status AccessCodes::validate(std::string_view code) {
  if (code.size() < kMinLength || code.size() > kMaxLength) {
    return fail(invalid_field("access_code", "access code must be " + std::to_string(kMinLength) +
                                                 " to " + std::to_string(kMaxLength) +
                                                 " characters"));
  }
  for (char c : code) {
    if (!printable(c)) {
      return fail(invalid_field(
          "access_code",
          "access code may only use letters, digits, space and '()+,-./:=? (PrintableString)"));
    }
  }
  return {};
}

}  // namespace scepter::ca
