#pragma once
// Owning handles for OpenSSL objects. Internal to crypto/: nothing outside this folder includes
// it. Every OpenSSL object lives in one of these from the moment it is created.

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/provider.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

#include "core/bytes.hpp"
#include "core/error.hpp"

namespace scepter::crypto {

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const noexcept {
    Free(p);
  }
};

template <class T, auto Free>
using Handle = std::unique_ptr<T, Deleter<Free>>;

using BioHandle = Handle<BIO, BIO_free_all>;
using X509Handle = Handle<X509, X509_free>;
using X509ReqHandle = Handle<X509_REQ, X509_REQ_free>;
using X509CrlHandle = Handle<X509_CRL, X509_CRL_free>;
using X509NameHandle = Handle<X509_NAME, X509_NAME_free>;
using X509ExtensionHandle = Handle<X509_EXTENSION, X509_EXTENSION_free>;
using X509AttributeHandle = Handle<X509_ATTRIBUTE, X509_ATTRIBUTE_free>;
using PkeyHandle = Handle<EVP_PKEY, EVP_PKEY_free>;
using PkeyCtxHandle = Handle<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using LibCtxHandle = Handle<OSSL_LIB_CTX, OSSL_LIB_CTX_free>;
using ProviderHandle = Handle<OSSL_PROVIDER, OSSL_PROVIDER_unload>;
using MdCtxHandle = Handle<EVP_MD_CTX, EVP_MD_CTX_free>;
using CipherCtxHandle = Handle<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>;
using CmsHandle = Handle<CMS_ContentInfo, CMS_ContentInfo_free>;
using Asn1IntegerHandle = Handle<ASN1_INTEGER, ASN1_INTEGER_free>;
using Asn1TimeHandle = Handle<ASN1_TIME, ASN1_TIME_free>;
using Asn1OctetStringHandle = Handle<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using Asn1ObjectHandle = Handle<ASN1_OBJECT, ASN1_OBJECT_free>;
using BignumHandle = Handle<BIGNUM, BN_free>;
using GeneralNamesHandle = Handle<GENERAL_NAMES, GENERAL_NAMES_free>;
using GeneralNameHandle = Handle<GENERAL_NAME, GENERAL_NAME_free>;
using Asn1StringHandle = Handle<ASN1_STRING, ASN1_STRING_free>;
using Asn1TypeHandle = Handle<ASN1_TYPE, ASN1_TYPE_free>;
using Asn1BitStringHandle = Handle<ASN1_BIT_STRING, ASN1_BIT_STRING_free>;
using Asn1EnumeratedHandle = Handle<ASN1_ENUMERATED, ASN1_ENUMERATED_free>;
using BasicConstraintsHandle = Handle<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free>;
using ExtendedKeyUsageHandle = Handle<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free>;
using AuthorityKeyIdHandle = Handle<AUTHORITY_KEYID, AUTHORITY_KEYID_free>;
using CrlDistPointsHandle = Handle<CRL_DIST_POINTS, CRL_DIST_POINTS_free>;
using DistPointHandle = Handle<DIST_POINT, DIST_POINT_free>;
using X509RevokedHandle = Handle<X509_REVOKED, X509_REVOKED_free>;
using X509PubkeyHandle = Handle<X509_PUBKEY, X509_PUBKEY_free>;
using X509AlgorHandle = Handle<X509_ALGOR, X509_ALGOR_free>;
using EvpMdHandle = Handle<EVP_MD, EVP_MD_free>;
using EvpMacHandle = Handle<EVP_MAC, EVP_MAC_free>;
using EvpMacCtxHandle = Handle<EVP_MAC_CTX, EVP_MAC_CTX_free>;
using X509ExtensionsHandle =
    std::unique_ptr<STACK_OF(X509_EXTENSION), decltype([](STACK_OF(X509_EXTENSION) * s) {
                      sk_X509_EXTENSION_pop_free(s, X509_EXTENSION_free);
                    })>;
using X509StackHandle =
    std::unique_ptr<STACK_OF(X509),
                    decltype([](STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); })>;
using OpensslBufferHandle =
    std::unique_ptr<unsigned char, decltype([](unsigned char* p) { OPENSSL_free(p); })>;

// Discards the OpenSSL errors raised while it lives: for failures that are answers (a signature
// that does not verify, a string that does not decode) rather than faults to report.
class ErrorQueueMark {
 public:
  ErrorQueueMark() { ERR_set_mark(); }
  ~ErrorQueueMark() { ERR_pop_to_mark(); }
  ErrorQueueMark(const ErrorQueueMark&) = delete;
  ErrorQueueMark& operator=(const ErrorQueueMark&) = delete;
};

// Shared owners for the public value types (Certificate, PrivateKey, ...), built from a handle.
inline std::shared_ptr<X509> share(X509Handle h) {
  return {h.release(), X509_free};
}
inline std::shared_ptr<EVP_PKEY> share(PkeyHandle h) {
  return {h.release(), EVP_PKEY_free};
}
inline std::shared_ptr<X509_CRL> share(X509CrlHandle h) {
  return {h.release(), X509_CRL_free};
}

// Drains the thread's OpenSSL error queue into one line for log_text.
std::string drain_openssl_errors();
// A crypto-category error whose log text carries the drained OpenSSL queue.
Error openssl_error(ErrorCategory category, std::string client_text);
// For the steps of building an ASN.1 structure: "cannot build <what>" when `done` is false.
Status require_built(bool done, std::string_view what);

// A memory BIO reading `data` without copying; the data must outlive the BIO. Null when the
// allocation fails or the data is larger than OpenSSL's int lengths allow.
BioHandle read_bio(ByteView data);

}  // namespace scepter::crypto
