#include <optional>

#include "crypto/der.hpp"
#include "crypto/digest.hpp"
#include "crypto/key.hpp"
#include "crypto/key_type.hpp"
#include "crypto/random.hpp"

namespace scepter::crypto {
namespace {

// The subjectPublicKey bits of a SubjectPublicKeyInfo, read off the DER without decoding the key
// (SEQUENCE { AlgorithmIdentifier, BIT STRING }).
std::optional<ByteView> subject_public_key_bits(ByteView spki) {
  const unsigned char* cursor = spki.data();
  long remaining = static_cast<long>(spki.size());
  long length = 0;
  int tag = 0, object_class = 0;
  auto header = [&](int expected_tag, bool enter) {
    const unsigned char* start = cursor;
    if (ASN1_get_object(&cursor, &length, &tag, &object_class, remaining) & 0x80) return false;
    if (tag != expected_tag || object_class != V_ASN1_UNIVERSAL) return false;
    remaining -= cursor - start;
    if (!enter) {
      cursor += length;
      remaining -= length;
    }
    return remaining >= 0;
  };
  if (!header(V_ASN1_SEQUENCE, true) || !header(V_ASN1_SEQUENCE, false) ||
      !header(V_ASN1_BIT_STRING, true) || length < 1 || cursor[0] != 0) {
    return std::nullopt;
  }
  return ByteView(cursor + 1, static_cast<std::size_t>(length - 1));
}

}  // namespace

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
  if (spki_) return *spki_;
  return encode_der<EVP_PKEY>(i2d_PUBKEY, key_.get());
}

Bytes PublicKey::sha256() const {
  return crypto::sha256(der());
}

Bytes PublicKey::key_identifier() const {
  auto spki = der();
  auto key_bits = subject_public_key_bits(spki);
  if (!key_bits) return {};
  Bytes digest(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  if (EVP_Digest(key_bits->data(), key_bits->size(), digest.data(), &length,
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
