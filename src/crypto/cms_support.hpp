#pragma once
// Plumbing shared by the CMS files. Internal to crypto/.

#include <openssl/rsa.h>

#include <optional>

#include "crypto/certificate.hpp"
#include "crypto/handles.hpp"
#include "crypto/issue.hpp"

namespace scepter::crypto {

// PKCS#7 rather than CMS where certificate order matters: OpenSSL's CMS encoder sorts the
// certificates SET as DER requires, while its PKCS#7 encoder keeps the order given, which
// clients that take "the first certificate" rely on.
using Pkcs7Handle = Handle<PKCS7, PKCS7_free>;
using EvpCipherHandle = Handle<EVP_CIPHER, EVP_CIPHER_free>;
using RsaOaepParamsHandle = Handle<RSA_OAEP_PARAMS, RSA_OAEP_PARAMS_free>;

// Value types sharing one more reference to an object that a CMS structure owns.
Certificate shared_certificate(X509* cert);
Crl shared_crl(X509_CRL* crl);

// The DigestAlg an AlgorithmIdentifier names; nullopt for digests scepter does not accept.
std::optional<DigestAlg> digest_alg_of(const ASN1_OBJECT* oid);

}  // namespace scepter::crypto
