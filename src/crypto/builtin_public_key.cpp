#include "crypto/builtin_public_key.hpp"

#include <openssl/asn1t.h>

#include "crypto/der.hpp"

namespace scepter::crypto {

// RSAPublicKey (RFC 8017 appendix A.1.1), read only for its exponent: asking the decoded key for
// it goes through OpenSSL 3.0's parameter translation, which costs several times this decoding.
struct RsaPublicKeyFields {
  ASN1_INTEGER* modulus;
  ASN1_INTEGER* public_exponent;
};

DECLARE_ASN1_FUNCTIONS(RsaPublicKeyFields)
using RsaPublicKeyFieldsHandle = Handle<RsaPublicKeyFields, RsaPublicKeyFields_free>;

namespace {

bool named_nist_curve(const X509_ALGOR& algorithm) {
  const ASN1_TYPE* parameter = algorithm.parameter;
  if (parameter == nullptr || parameter->type != V_ASN1_OBJECT) return false;
  switch (OBJ_obj2nid(parameter->value.object)) {
    case NID_X9_62_prime256v1:
    case NID_secp384r1:
    case NID_secp521r1:
      return true;
    default:
      return false;
  }
}

// The template decodes DER INTEGERs only (minimal, so the content is the magnitude), where
// d2i_PublicKey takes padded and negative ones too: one key, one SubjectPublicKeyInfo encoding.
bool odd_exponent(const ASN1_INTEGER* exponent) {
  int size = ASN1_STRING_length(exponent);
  const unsigned char* magnitude = ASN1_STRING_get0_data(exponent);
  return ASN1_STRING_type(exponent) == V_ASN1_INTEGER && size > 0 &&
         (magnitude[size - 1] & 1) == 1 && !(size == 1 && magnitude[0] == 1);
}

PkeyHandle rsa_key(const unsigned char* bits, long length) {
  const unsigned char* cursor = bits;
  PkeyHandle key(d2i_PublicKey(EVP_PKEY_RSA, nullptr, &cursor, length));
  // Trailing bytes would give one key several SubjectPublicKeyInfo digests.
  if (!key || cursor != bits + length) return nullptr;
  RsaPublicKeyFieldsHandle fields;
  {
    ErrorQueueMark mark;  // a refusal here sends the caller down another path, not to an error
    fields = decode_der<RsaPublicKeyFields, RsaPublicKeyFields_free>(
        d2i_RsaPublicKeyFields, ByteView(bits, static_cast<std::size_t>(length)));
  }
  if (!fields || !odd_exponent(fields->public_exponent) ||
      ASN1_STRING_type(fields->modulus) != V_ASN1_INTEGER) {
    return nullptr;
  }
  return key;
}

PkeyHandle ec_key(const X509_ALGOR& algorithm, const unsigned char* bits, long length) {
  // Compressed or uncompressed points only: 0x00 is the point at infinity, for which any
  // signature can be made.
  if (length < 1 || (bits[0] != 0x02 && bits[0] != 0x03 && bits[0] != 0x04)) return nullptr;
  // The curve first, then the point on it (OpenSSL checks that it lies on the curve).
  auto parameters = encode_der<ASN1_TYPE>(i2d_ASN1_TYPE, algorithm.parameter);
  const unsigned char* cursor = parameters.data();
  PkeyHandle key(parameters.empty() ? nullptr
                                    : d2i_KeyParams(EVP_PKEY_EC, nullptr, &cursor,
                                                    static_cast<long>(parameters.size())));
  EVP_PKEY* on_curve = key.get();
  if (!key || d2i_PublicKey(EVP_PKEY_EC, &on_curve, &bits, length) == nullptr) return nullptr;
  return key;
}

}  // namespace

bool supported_key_algorithm(const X509_ALGOR& algorithm) {
  switch (OBJ_obj2nid(algorithm.algorithm)) {
    case NID_rsaEncryption:
      return true;
    case NID_X9_62_id_ecPublicKey:
      return named_nist_curve(algorithm);
    default:
      return false;
  }
}

PkeyHandle builtin_public_key(const X509_ALGOR& algorithm, const ASN1_BIT_STRING& bits) {
  if (!supported_key_algorithm(algorithm)) return nullptr;
  const unsigned char* key_bits = ASN1_STRING_get0_data(&bits);
  long length = ASN1_STRING_length(&bits);
  if (OBJ_obj2nid(algorithm.algorithm) == NID_rsaEncryption) return rsa_key(key_bits, length);
  return ec_key(algorithm, key_bits, length);
}

// The template macros are laid out as the ASN.1 they declare (see pkcs10.cpp).
// clang-format off
ASN1_SEQUENCE(RsaPublicKeyFields) = {
    ASN1_SIMPLE(RsaPublicKeyFields, modulus, ASN1_INTEGER),
    ASN1_SIMPLE(RsaPublicKeyFields, public_exponent, ASN1_INTEGER),
} ASN1_SEQUENCE_END(RsaPublicKeyFields)

IMPLEMENT_ASN1_FUNCTIONS(RsaPublicKeyFields)

}  // namespace scepter::crypto
// clang-format on
