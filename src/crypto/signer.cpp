#include "crypto/signer.hpp"

#include "crypto/digest.hpp"

namespace scepter::crypto {

Result<const EVP_MD*> signing_digest(DigestAlg alg) {
  const EVP_MD* digest = message_digest(alg);
  if (digest == nullptr) return fail(openssl_error(ErrorCategory::bad_alg, "digest unavailable"));
  return digest;
}

Status check_issuer_key(const Certificate& issuer, const PrivateKey& issuer_key) {
  if (X509_check_private_key(issuer.native(), issuer_key.native()) != 1) {
    return fail(openssl_error(ErrorCategory::invalid,
                              "the issuer key does not belong to the issuer certificate"));
  }
  return {};
}

}  // namespace scepter::crypto
