#include "crypto/digest.hpp"

#include <array>

namespace scepter::crypto {

const EVP_MD* message_digest(DigestAlg alg) {
  static const std::array<EvpMdHandle, 4> fetched{
      EvpMdHandle(EVP_MD_fetch(nullptr, "SHA1", nullptr)),
      EvpMdHandle(EVP_MD_fetch(nullptr, "SHA256", nullptr)),
      EvpMdHandle(EVP_MD_fetch(nullptr, "SHA384", nullptr)),
      EvpMdHandle(EVP_MD_fetch(nullptr, "SHA512", nullptr)),
  };
  switch (alg) {
    case DigestAlg::sha1:
      return fetched[0].get();
    case DigestAlg::sha256:
      return fetched[1].get();
    case DigestAlg::sha384:
      return fetched[2].get();
    case DigestAlg::sha512:
      return fetched[3].get();
  }
  return nullptr;
}

Status set_digest_algorithm(X509_ALGOR* algorithm, const EVP_MD* digest) {
  // X509_ALGOR_set_md reports nothing; whether the identifier took is seen in the result.
  if (digest != nullptr) X509_ALGOR_set_md(algorithm, digest);
  const ASN1_OBJECT* set = nullptr;
  X509_ALGOR_get0(&set, nullptr, nullptr, algorithm);
  return require_built(digest != nullptr && OBJ_obj2nid(set) == EVP_MD_get_type(digest),
                       "a digest algorithm identifier");
}

}  // namespace scepter::crypto
