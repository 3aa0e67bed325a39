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

}  // namespace scepter::crypto
