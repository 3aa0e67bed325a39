#include "crypto/der.hpp"
#include "crypto/digest.hpp"
#include "crypto/key.hpp"
#include "crypto/key_type.hpp"
#include "crypto/random.hpp"

namespace scepter::crypto {

Result<PublicKey> PublicKey::from_der(ByteView spki) {
  auto key = decode_der<EVP_PKEY, EVP_PKEY_free>(d2i_PUBKEY, spki);
  if (!key) return fail(openssl_error(ErrorCategory::bad_request, "not a SubjectPublicKeyInfo"));
  SCEPTER_CHECK(supported_key_type(key.get()));
  return PublicKey(share(std::move(key)));
}

KeyType PublicKey::type() const {
  return key_type_of(key_.get());
}

int PublicKey::bits() const {
  return EVP_PKEY_get_bits(key_.get());
}

Bytes PublicKey::der() const {
  return encode_der<EVP_PKEY>(i2d_PUBKEY, key_.get());
}

Bytes PublicKey::sha256() const {
  return crypto::sha256(der());
}

Bytes PublicKey::key_identifier() const {
  X509_PUBKEY* encoded = nullptr;
  if (X509_PUBKEY_set(&encoded, key_.get()) != 1) return {};
  X509PubkeyHandle owner(encoded);
  const unsigned char* key_bits = nullptr;
  int key_bits_length = 0;
  if (X509_PUBKEY_get0_param(nullptr, &key_bits, &key_bits_length, nullptr, encoded) != 1) {
    return {};
  }
  Bytes digest(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  if (EVP_Digest(key_bits, static_cast<std::size_t>(key_bits_length), digest.data(), &length,
                 message_digest(DigestAlg::sha1), nullptr) != 1) {
    return {};
  }
  digest.resize(length);
  return digest;
}

bool PublicKey::operator==(const PublicKey& other) const {
  if (key_ == other.key_) return true;
  ErrorQueueMark mark;  // keys of different types are simply unequal
  return EVP_PKEY_eq(key_.get(), other.key_.get()) == 1;
}

}  // namespace scepter::crypto
