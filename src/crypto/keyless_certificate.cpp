#include "crypto/keyless_certificate.hpp"

#include "crypto/builtin_public_key.hpp"
#include "crypto/der.hpp"

namespace scepter::crypto {
namespace {

// Freed among the static objects, once every thread that decodes certificates has been joined:
// left to the end of the process, it outlived OpenSSL's own clean-up at exit, and leak checkers
// reported it. The provider is unloaded before its context is freed (members go in reverse).
struct KeylessContext {
  LibCtxHandle context{OSSL_LIB_CTX_new()};
  ProviderHandle null_provider{context ? OSSL_PROVIDER_load(context.get(), "null") : nullptr};
};

OSSL_LIB_CTX* keyless_context() {
  static const KeylessContext keyless;
  return keyless.null_provider ? keyless.context.get() : nullptr;
}

X509* decode_in_keyless_context(X509** out, const unsigned char** in, long length) {
  return reinterpret_cast<X509*>(ASN1_item_d2i_ex(reinterpret_cast<ASN1_VALUE**>(out), in, length,
                                                  ASN1_ITEM_rptr(X509), keyless_context(),
                                                  nullptr));
}

// Later versions re-encode a certificate whose key is set (and cache their decoder look-ups).
bool is_openssl_3_0() {
  unsigned long version = OpenSSL_version_num();
  return version >= 0x30000000UL && version < 0x30100000UL;
}

Bytes key_info_der(X509& cert) {
  return encode_der<X509_PUBKEY>(i2d_X509_PUBKEY, X509_get_X509_PUBKEY(&cert));
}

}  // namespace

X509Handle decode_keyless(ByteView der) {
  if (!is_openssl_3_0() || keyless_context() == nullptr) return nullptr;
  ErrorQueueMark mark;  // the failed key decoding, or why `der` is not a certificate
  return decode_der<X509, X509_free>(decode_in_keyless_context, der);
}

bool set_builtin_key(X509& keyless) {
  X509_ALGOR* algorithm = nullptr;
  X509_PUBKEY_get0_param(nullptr, nullptr, nullptr, &algorithm, X509_get_X509_PUBKEY(&keyless));
  const ASN1_BIT_STRING* bits = X509_get0_pubkey_bitstr(&keyless);
  if (algorithm == nullptr || bits == nullptr) return false;
  PkeyHandle key = builtin_public_key(*algorithm, *bits);
  if (!key) return false;
  auto received = key_info_der(keyless);
  return X509_set_pubkey(&keyless, key.get()) == 1 && key_info_der(keyless) == received;
}

}  // namespace scepter::crypto
