#include "crypto/public_key_operations.hpp"

#include <openssl/rsa.h>

#include "crypto/digest.hpp"
#include "crypto/handles.hpp"

namespace scepter::crypto {
namespace {

enum class Direction { encrypt, decrypt };

// A context ready to encrypt or decrypt a content key with the padding asked for.
Result<PkeyCtxHandle> key_transport_context(evp_pkey_st* key, Direction direction,
                                            std::optional<RsaOaep> oaep) {
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
    return fail(ErrorCategory::bad_alg, "key transport needs an RSA key");
  }
  PkeyCtxHandle context(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!context) return fail(openssl_error(ErrorCategory::crypto, "cannot create key context"));
  int initialized = direction == Direction::encrypt ? EVP_PKEY_encrypt_init(context.get())
                                                    : EVP_PKEY_decrypt_init(context.get());
  if (initialized != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot set up key transport"));
  }
  if (!oaep) {
    if (EVP_PKEY_CTX_set_rsa_padding(context.get(), RSA_PKCS1_PADDING) != 1) {
      return fail(openssl_error(ErrorCategory::crypto, "cannot set up key transport"));
    }
    return context;
  }
  const EVP_MD* digest = message_digest(oaep->digest);
  const EVP_MD* mask_digest = message_digest(oaep->mask_digest);
  if (digest == nullptr || mask_digest == nullptr ||
      EVP_PKEY_CTX_set_rsa_padding(context.get(), RSA_PKCS1_OAEP_PADDING) != 1 ||
      EVP_PKEY_CTX_set_rsa_oaep_md(context.get(), digest) != 1 ||
      EVP_PKEY_CTX_set_rsa_mgf1_md(context.get(), mask_digest) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot set up RSAES-OAEP"));
  }
  return context;
}

}  // namespace

Result<Bytes> sign_data(const PrivateKey& key, DigestAlg digest, ByteView data) {
  MdCtxHandle context(EVP_MD_CTX_new());
  std::size_t length = 0;
  if (!context ||
      EVP_DigestSignInit_ex(context.get(), nullptr, EVP_MD_get0_name(message_digest(digest)),
                            nullptr, nullptr, key.native(), nullptr) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length, data.data(), data.size()) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot sign"));
  }
  Bytes signature(length);
  if (EVP_DigestSign(context.get(), signature.data(), &length, data.data(), data.size()) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot sign"));
  }
  signature.resize(length);
  return signature;
}

Result<bool> verify_data(const PublicKey& key, DigestAlg digest, ByteView data,
                         ByteView signature) {
  MdCtxHandle context(EVP_MD_CTX_new());
  if (!context ||
      EVP_DigestVerifyInit_ex(context.get(), nullptr, EVP_MD_get0_name(message_digest(digest)),
                              nullptr, nullptr, key.native(), nullptr) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot verify"));
  }
  ErrorQueueMark mark;  // a signature that does not verify is an answer, not a fault
  return EVP_DigestVerify(context.get(), signature.data(), signature.size(), data.data(),
                          data.size()) == 1;
}

Result<Bytes> encrypt_key(const PublicKey& key, ByteView content_key, std::optional<RsaOaep> oaep) {
  SCEPTER_TRY(auto context, key_transport_context(key.native(), Direction::encrypt, oaep));
  std::size_t length = 0;
  if (EVP_PKEY_encrypt(context.get(), nullptr, &length, content_key.data(), content_key.size()) !=
      1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot encrypt the content key"));
  }
  Bytes encrypted(length);
  if (EVP_PKEY_encrypt(context.get(), encrypted.data(), &length, content_key.data(),
                       content_key.size()) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot encrypt the content key"));
  }
  encrypted.resize(length);
  return encrypted;
}

Result<Bytes> decrypt_key(const PrivateKey& key, ByteView encrypted_key,
                          std::optional<RsaOaep> oaep) {
  SCEPTER_TRY(auto context, key_transport_context(key.native(), Direction::decrypt, oaep));
  std::size_t length = 0;
  if (EVP_PKEY_decrypt(context.get(), nullptr, &length, encrypted_key.data(),
                       encrypted_key.size()) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot decrypt the content key"));
  }
  Bytes decrypted(length);
  ErrorQueueMark mark;
  if (EVP_PKEY_decrypt(context.get(), decrypted.data(), &length, encrypted_key.data(),
                       encrypted_key.size()) != 1) {
    return fail(ErrorCategory::bad_message_check, "the content key does not decrypt");
  }
  decrypted.resize(length);
  return decrypted;
}

}  // namespace scepter::crypto
