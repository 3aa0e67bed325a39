#include "ca/secret_box.hpp"

#include <sodium.h>

#include "crypto/random.hpp"

namespace scepter::ca {
namespace {

// Sealed layout: version byte, nonce, ciphertext with its tag. The version lets a later
// cipher coexist with values sealed today.
constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::string_view kKeyLabel = "scepter secret box v1";

static_assert(SecretBox::kKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

Error unopenable() {
  return make_error(ErrorCategory::crypto, "a stored secret cannot be decrypted",
                    "secret box: wrong key, purpose or corrupted value");
}

}  // namespace

Result<SecretBox> SecretBox::from_master_key(ByteView master_key) {
  if (master_key.size() != kKeyBytes) {
    return fail(ErrorCategory::internal, "the master key must be 32 bytes");
  }
  if (sodium_init() < 0) return fail(ErrorCategory::internal, "libsodium cannot start");
  return SecretBox(crypto::hmac_sha256(master_key, as_bytes(kKeyLabel)));
}

Result<Bytes> SecretBox::seal(std::string_view secret, std::string_view purpose) const {
  Bytes sealed(1 + kNonceBytes + secret.size() + kTagBytes);
  sealed[0] = kVersion;
  std::uint8_t* nonce = sealed.data() + 1;
  randombytes_buf(nonce, kNonceBytes);
  const auto plain = as_bytes(secret);
  const auto associated = as_bytes(purpose);
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonceBytes, &written, plain.data(),
                                                 plain.size(), associated.data(), associated.size(),
                                                 nullptr, nonce, key_.data()) != 0 ||
      written != secret.size() + kTagBytes) {
    return fail(ErrorCategory::crypto, "a secret cannot be encrypted");
  }
  return sealed;
}

Result<std::string> SecretBox::open(ByteView sealed, std::string_view purpose) const {
  if (sealed.size() < 1 + kNonceBytes + kTagBytes || sealed[0] != kVersion) {
    return fail(unopenable());
  }
  const std::uint8_t* nonce = sealed.data() + 1;
  const std::uint8_t* box = nonce + kNonceBytes;
  const std::size_t box_size = sealed.size() - 1 - kNonceBytes;
  std::string secret(box_size - kTagBytes, '\0');
  const auto associated = as_bytes(purpose);
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(secret.data()), &written, nullptr, box, box_size,
          associated.data(), associated.size(), nonce, key_.data()) != 0) {
    return fail(unopenable());
  }
  return secret;
}

}  // namespace scepter::ca
