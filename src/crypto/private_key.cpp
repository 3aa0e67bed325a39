#include <openssl/pem.h>

#include "crypto/key.hpp"
#include "crypto/key_type.hpp"
#include "crypto/pem.hpp"
#include "crypto/pkcs11_engine.hpp"

namespace scepter::crypto {

Result<PrivateKey> PrivateKey::generate(const KeySpec& spec) {
  PkeyHandle key;
  if (spec.type == KeyType::rsa) {
    key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(spec.bits)));
  } else if (spec.bits == 256 || spec.bits == 384) {
    key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", spec.bits == 256 ? "P-256" : "P-384"));
  } else {
    return fail(invalid_field("key_type", "unsupported key type '" + spec.name() + "'"));
  }
  if (!key) return fail(openssl_error(ErrorCategory::crypto, "key generation failed"));
  return PrivateKey(share(std::move(key)));
}

Result<PrivateKey> PrivateKey::from_pem(std::string_view pem, std::string_view passphrase) {
  auto bio = read_bio(as_bytes(pem));
  if (!bio) return fail(openssl_error(ErrorCategory::crypto, "cannot read private key"));
  PkeyHandle key(PEM_read_bio_PrivateKey(bio.get(), nullptr, supply_passphrase, &passphrase));
  if (!key) {
    return fail(openssl_error(ErrorCategory::crypto,
                              "cannot read private key (not PEM, or wrong passphrase)"));
  }
  SCEPTER_CHECK(supported_key_type(key.get()));
  return PrivateKey(share(std::move(key)));
}

Result<std::string> PrivateKey::to_pem(std::string_view passphrase) const {
  if (held_by_token(key_.get())) {
    return fail(ErrorCategory::crypto, "the private key stays in its PKCS#11 token");
  }
  auto bio = write_bio();
  if (!bio) return fail(openssl_error(ErrorCategory::crypto, "cannot write private key"));
  // With a cipher, OpenSSL writes PKCS#8 EncryptedPrivateKeyInfo using PBES2 with PBKDF2.
  const EVP_CIPHER* cipher = passphrase.empty() ? nullptr : EVP_aes_256_cbc();
  if (PEM_write_bio_PKCS8PrivateKey(bio.get(), key_.get(), cipher, passphrase.data(),
                                    static_cast<int>(passphrase.size()), nullptr, nullptr) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot write private key"));
  }
  return bio_text(bio.get());
}

PublicKey PrivateKey::public_key() const {
  // The same key object: encoding it as a public key never exposes the private half.
  return PublicKey(key_);
}

KeyType PrivateKey::type() const {
  return key_type_of(key_.get());
}

int PrivateKey::bits() const {
  return EVP_PKEY_get_bits(key_.get());
}

}  // namespace scepter::crypto
