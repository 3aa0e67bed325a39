#include <openssl/core_names.h>

#include "crypto/digest.hpp"
#include "crypto/fatal.hpp"
#include "crypto/random.hpp"

namespace scepter::crypto {
namespace {

// HMAC-SHA256 with its algorithm and digest already resolved; each call duplicates it, which
// costs a copy instead of two fetches.
const EVP_MAC_CTX* hmac_sha256_template() {
  static const EvpMacCtxHandle prepared = [] {
    EvpMacHandle mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    if (!mac) return EvpMacCtxHandle{};
    EvpMacCtxHandle context(EVP_MAC_CTX_new(mac.get()));
    char digest_name[] = "SHA256";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
        OSSL_PARAM_construct_end(),
    };
    if (!context || EVP_MAC_CTX_set_params(context.get(), params) != 1) return EvpMacCtxHandle{};
    return context;
  }();
  return prepared.get();
}

}  // namespace

Bytes sha256(ByteView data) {
  Bytes digest(32);
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length,
                 message_digest(DigestAlg::sha256), nullptr) != 1 ||
      length != digest.size()) {
    fatal_crypto_failure("SHA-256 failed");
  }
  return digest;
}

Bytes hmac_sha256(ByteView key, ByteView data) {
  // HMAC's init treats a null key as "keep the previous key", so an empty key needs an address.
  static const unsigned char no_key = 0;
  const EVP_MAC_CTX* prepared = hmac_sha256_template();
  EvpMacCtxHandle context(prepared ? EVP_MAC_CTX_dup(prepared) : nullptr);
  Bytes mac(32);
  std::size_t length = 0;
  if (!context ||
      EVP_MAC_init(context.get(), key.empty() ? &no_key : key.data(), key.size(), nullptr) != 1 ||
      EVP_MAC_update(context.get(), data.data(), data.size()) != 1 ||
      EVP_MAC_final(context.get(), mac.data(), &length, mac.size()) != 1 || length != mac.size()) {
    fatal_crypto_failure("HMAC-SHA256 failed");
  }
  return mac;
}

}  // namespace scepter::crypto
