#include "crypto/builtin_public_key.hpp"

#include "crypto/der.hpp"

namespace scepter::crypto {

PkeyHandle builtin_public_key(const X509_ALGOR& algorithm, const ASN1_BIT_STRING& bits) {
  const unsigned char* key_bits = ASN1_STRING_get0_data(&bits);
  long length = ASN1_STRING_length(&bits);
  switch (OBJ_obj2nid(algorithm.algorithm)) {
    case NID_rsaEncryption:
      return PkeyHandle(d2i_PublicKey(EVP_PKEY_RSA, nullptr, &key_bits, length));
    case NID_X9_62_id_ecPublicKey: {
      // The curve (named or explicit parameters) first, then the point on it.
      auto parameters = encode_der<ASN1_TYPE>(i2d_ASN1_TYPE, algorithm.parameter);
      const unsigned char* cursor = parameters.data();
      PkeyHandle key(parameters.empty() ? nullptr
                                        : d2i_KeyParams(EVP_PKEY_EC, nullptr, &cursor,
                                                        static_cast<long>(parameters.size())));
      EVP_PKEY* on_curve = key.get();
      if (!key || d2i_PublicKey(EVP_PKEY_EC, &on_curve, &key_bits, length) == nullptr) {
        return nullptr;
      }
      return key;
    }
    default:
      return nullptr;
  }
}

}  // namespace scepter::crypto
