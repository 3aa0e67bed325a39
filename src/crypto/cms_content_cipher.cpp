#include "crypto/cms_content_cipher.hpp"

#include <climits>

#include "crypto/cms_support.hpp"
#include "crypto/random.hpp"

namespace scepter::crypto {
namespace {

const EVP_CIPHER* fetched(ContentCipher cipher) {
  auto fetch = [](const char* name) {
    return EvpCipherHandle(EVP_CIPHER_fetch(nullptr, name, nullptr));
  };
  switch (cipher) {
    case ContentCipher::aes128_cbc: {
      static const auto implementation = fetch("AES-128-CBC");
      return implementation.get();
    }
    case ContentCipher::aes192_cbc: {
      static const auto implementation = fetch("AES-192-CBC");
      return implementation.get();
    }
    case ContentCipher::aes256_cbc: {
      static const auto implementation = fetch("AES-256-CBC");
      return implementation.get();
    }
    case ContentCipher::des_ede3_cbc: {
      static const auto implementation = fetch("DES-EDE3-CBC");
      return implementation.get();
    }
    case ContentCipher::des_cbc: {
      static const auto implementation = fetch("DES-CBC");
      return implementation.get();
    }
  }
  return nullptr;
}

}  // namespace

std::optional<ContentCipher> cipher_of(int nid) {
  switch (nid) {
    case NID_aes_128_cbc:
      return ContentCipher::aes128_cbc;
    case NID_aes_192_cbc:
      return ContentCipher::aes192_cbc;
    case NID_aes_256_cbc:
      return ContentCipher::aes256_cbc;
    case NID_des_ede3_cbc:
      return ContentCipher::des_ede3_cbc;
    case NID_des_cbc:
      return ContentCipher::des_cbc;
    default:
      return std::nullopt;
  }
}

Result<const EVP_CIPHER*> content_cipher(ContentCipher cipher) {
  // Single DES lives in the legacy provider. Loading is idempotent, so the first DES message
  // loads it even when start-up did not call initialize().
  if (cipher == ContentCipher::des_cbc) SCEPTER_CHECK(initialize());
  const EVP_CIPHER* implementation = fetched(cipher);
  if (implementation == nullptr) {
    return fail(openssl_error(ErrorCategory::bad_alg, "content cipher is not available"));
  }
  return implementation;
}

Result<Bytes> run_cipher(EVP_CIPHER_CTX* context, ByteView input) {
  int block = EVP_CIPHER_CTX_get_block_size(context);
  if (input.size() > static_cast<std::size_t>(INT_MAX - block)) {
    return fail(ErrorCategory::bad_request, "message content is too large");
  }
  Bytes output(input.size() + static_cast<std::size_t>(block));
  int written = 0;
  int last = 0;
  if (EVP_CipherUpdate(context, output.data(), &written, input.data(),
                       static_cast<int>(input.size())) != 1 ||
      EVP_CipherFinal_ex(context, output.data() + written, &last) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "content cipher failed"));
  }
  output.resize(static_cast<std::size_t>(written + last));
  return output;
}

}  // namespace scepter::crypto
