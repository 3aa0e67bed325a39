#pragma once
// Which keys crypto/ accepts. Internal to crypto/.

#include "crypto/handles.hpp"
#include "crypto/key.hpp"

namespace scepter::crypto {

// RSA and EC keys; anything else (RSA-PSS, EdDSA, ...) is bad_alg, so that every PublicKey and
// PrivateKey in the program has a KeyType.
Result<KeyType> supported_key_type(const EVP_PKEY* key);
// The type of a key that supported_key_type() accepted.
inline KeyType key_type_of(const EVP_PKEY* key) {
  return EVP_PKEY_is_a(key, "EC") ? KeyType::ec : KeyType::rsa;
}

}  // namespace scepter::crypto
