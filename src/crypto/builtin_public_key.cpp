#include "crypto/builtin_public_key.hpp"

#include <openssl/core_names.h>

#include "crypto/der.hpp"

namespace scepter::crypto {
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

PkeyHandle rsa_key(const unsigned char* bits, long length) {
  const unsigned char* cursor = bits;
  PkeyHandle key(d2i_PublicKey(EVP_PKEY_RSA, nullptr, &cursor, length));
  // Trailing bytes would give one key several SubjectPublicKeyInfo digests.
  if (!key || cursor != bits + length) return nullptr;
  BIGNUM* exponent = nullptr;
  if (EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_E, &exponent) != 1) return nullptr;
  BignumHandle owned(exponent);
  if (!BN_is_odd(exponent) || BN_is_one(exponent)) return nullptr;
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

}  // namespace scepter::crypto
