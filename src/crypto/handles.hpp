#pragma once
// Owning handles for OpenSSL objects. Internal to crypto/: nothing outside this folder includes
// it. Every OpenSSL object lives in one of these from the moment it is created.

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
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
using PkeyHandle = Handle<EVP_PKEY, EVP_PKEY_free>;
using PkeyCtxHandle = Handle<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using MdCtxHandle = Handle<EVP_MD_CTX, EVP_MD_CTX_free>;
using CipherCtxHandle = Handle<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>;
using CmsHandle = Handle<CMS_ContentInfo, CMS_ContentInfo_free>;
using Asn1IntegerHandle = Handle<ASN1_INTEGER, ASN1_INTEGER_free>;
using Asn1TimeHandle = Handle<ASN1_TIME, ASN1_TIME_free>;
using Asn1OctetStringHandle = Handle<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using Asn1ObjectHandle = Handle<ASN1_OBJECT, ASN1_OBJECT_free>;
using BignumHandle = Handle<BIGNUM, BN_free>;
using GeneralNamesHandle = Handle<GENERAL_NAMES, GENERAL_NAMES_free>;
using X509StackHandle = std::unique_ptr<STACK_OF(X509), decltype([](STACK_OF(X509)* s) {
                                          sk_X509_pop_free(s, X509_free);
                                        })>;

// Shared owners for the public value types (Certificate, PrivateKey, ...), built from a handle.
inline std::shared_ptr<X509> share(X509Handle h) { return {h.release(), X509_free}; }
inline std::shared_ptr<EVP_PKEY> share(PkeyHandle h) { return {h.release(), EVP_PKEY_free}; }
inline std::shared_ptr<X509_REQ> share(X509ReqHandle h) { return {h.release(), X509_REQ_free}; }
inline std::shared_ptr<X509_CRL> share(X509CrlHandle h) { return {h.release(), X509_CRL_free}; }

// Drains the thread's OpenSSL error queue into one line for log_text.
std::string drain_openssl_errors();
// A crypto-category error whose log text carries the drained OpenSSL queue.
Error openssl_error(ErrorCategory category, std::string client_text);

// A memory BIO reading `data` without copying; the data must outlive the BIO.
BioHandle read_bio(ByteView data);
// Everything written to a memory BIO.
Bytes bio_contents(BIO* bio);

}  // namespace scepter::crypto
