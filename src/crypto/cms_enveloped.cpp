#include "crypto/cms_enveloped.hpp"

namespace scepter::crypto {

std::string_view to_string(ContentCipher cipher) {
  switch (cipher) {
    case ContentCipher::aes128_cbc:
      return "aes-128-cbc";
    case ContentCipher::aes192_cbc:
      return "aes-192-cbc";
    case ContentCipher::aes256_cbc:
      return "aes-256-cbc";
    case ContentCipher::des_ede3_cbc:
      return "des-ede3-cbc";
    case ContentCipher::des_cbc:
      return "des-cbc";
  }
  return "unknown";
}

std::string_view to_string(KeyTransport transport) {
  switch (transport) {
    case KeyTransport::rsa_pkcs1_v15:
      return "rsa-pkcs1-v1_5";
    case KeyTransport::rsa_oaep:
      return "rsa-oaep";
  }
  return "unknown";
}

std::optional<RsaOaep> EnvelopeAlgorithms::oaep() const {
  if (key_transport != KeyTransport::rsa_oaep) return std::nullopt;
  return RsaOaep{oaep_digest, oaep_mask_digest.value_or(oaep_digest)};
}

}  // namespace scepter::crypto
