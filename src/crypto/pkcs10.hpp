#pragma once
// The PKCS#10 CertificationRequest (RFC 2986 section 4) as OpenSSL ASN.1 templates that leave
// the subject public key as its algorithm and bits. OpenSSL's own X509_REQ decodes the key while
// parsing, through OpenSSL 3.0's costly decoder look-up (see builtin_public_key.hpp). Internal to
// crypto/.

#include "crypto/handles.hpp"

namespace scepter::crypto {

// SubjectPublicKeyInfo
struct Pkcs10KeyInfo {
  X509_ALGOR* algorithm;
  ASN1_BIT_STRING* key;
};

// CertificationRequestInfo
struct Pkcs10Info {
  ASN1_ENCODING encoding;  // the bytes as received, which the signature covers
  ASN1_INTEGER* version;
  X509_NAME* subject;
  Pkcs10KeyInfo* key_info;
  STACK_OF(X509_ATTRIBUTE) * attributes;  // null when the request carries none
};

// CertificationRequest
struct Pkcs10Request {
  Pkcs10Info* info;
  X509_ALGOR* signature_algorithm;
  ASN1_BIT_STRING* signature;
};

DECLARE_ASN1_FUNCTIONS(Pkcs10Request)
DECLARE_ASN1_ITEM(Pkcs10Info)  // what the signature covers
int i2d_Pkcs10KeyInfo(const Pkcs10KeyInfo* key_info, unsigned char** out);

}  // namespace scepter::crypto
