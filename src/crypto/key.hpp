#pragma once
// Public and private keys. OpenSSL types stay behind opaque pointers: only crypto/ includes
// <openssl/*>. Both classes are cheap to copy (shared, immutable) and safe to use from many
// threads at once.

#include <memory>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/error.hpp"

struct evp_pkey_st;

namespace scepter::crypto {

enum class KeyType { rsa, ec };

struct KeySpec {
  KeyType type = KeyType::rsa;
  int bits = 2048;  // RSA modulus size, or the EC curve's size (256, 384)

  // "rsa2048", "rsa3072", "rsa4096", "ec-p256", "ec-p384"
  static Result<KeySpec> parse(std::string_view text);
  std::string name() const;
};

// Every PublicKey and PrivateKey is RSA or EC: parsing anything else fails with bad_alg.
class PublicKey {
 public:
  // bad_request for anything but exactly one SubjectPublicKeyInfo.
  static Result<PublicKey> from_der(ByteView spki);
  KeyType type() const;
  int bits() const;
  Bytes der() const;             // SubjectPublicKeyInfo
  Bytes sha256() const;          // SHA-256 of the SubjectPublicKeyInfo: stable key identity
  Bytes key_identifier() const;  // SHA-1 of the subjectPublicKey bits (RFC 5280 4.2.1.2 method 1)
  bool operator==(const PublicKey& other) const;
  evp_pkey_st* native() const { return key_.get(); }

  explicit PublicKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  // With the key's SubjectPublicKeyInfo as a certificate or CSR carries it: der(), sha256() and
  // key_identifier() then read these bytes instead of encoding the key, which OpenSSL 3.0 does
  // through a costly encoder look-up on every call.
  PublicKey(std::shared_ptr<evp_pkey_st> key, Bytes spki)
      : key_(std::move(key)), spki_(std::make_shared<const Bytes>(std::move(spki))) {}

 private:
  std::shared_ptr<evp_pkey_st> key_;
  std::shared_ptr<const Bytes> spki_;  // null when not known: encoded on demand
};

class PrivateKey {
 public:
  static Result<PrivateKey> generate(const KeySpec& spec);
  // PKCS#8 PEM, encrypted when a passphrase is given (AES-256-CBC, PBKDF2). from_pem also reads
  // traditional RSA/EC PEM; a wrong or missing passphrase is a crypto error, never a prompt.
  static Result<PrivateKey> from_pem(std::string_view pem, std::string_view passphrase = {});
  Result<std::string> to_pem(std::string_view passphrase = {}) const;
  PublicKey public_key() const;
  KeyType type() const;
  int bits() const;
  evp_pkey_st* native() const { return key_.get(); }

  explicit PrivateKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}

 private:
  std::shared_ptr<evp_pkey_st> key_;
};

}  // namespace scepter::crypto
