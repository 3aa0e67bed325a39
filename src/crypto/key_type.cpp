#include "crypto/key_type.hpp"

namespace scepter::crypto {

Result<KeyType> supported_key_type(const EVP_PKEY* key) {
  if (key == nullptr) return fail(ErrorCategory::bad_request, "missing or undecodable public key");
  if (EVP_PKEY_is_a(key, "RSA")) return KeyType::rsa;
  if (EVP_PKEY_is_a(key, "EC")) return KeyType::ec;
  return fail(ErrorCategory::bad_alg, "unsupported key algorithm",
              std::string("key algorithm ") + EVP_PKEY_get0_type_name(key));
}

}  // namespace scepter::crypto
