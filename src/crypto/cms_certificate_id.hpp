#pragma once
// How CMS names a certificate inside SignedData and EnvelopedData, as OpenSSL ASN.1 templates:
// IssuerAndSerialNumber (RFC 5652 section 10.2.4) and the CHOICE that SignerIdentifier (section
// 5.3) and RecipientIdentifier (section 6.2.1) both are. Internal to crypto/.

#include "crypto/certificate.hpp"
#include "crypto/handles.hpp"

namespace scepter::crypto {

struct CmsIssuerAndSerial {
  X509_NAME* issuer;
  ASN1_INTEGER* serial;
};

// SignerIdentifier and RecipientIdentifier
struct CmsCertificateId {
  static constexpr int issuer_and_serial_choice = 0;
  static constexpr int key_id_choice = 1;
  int type;
  union {
    CmsIssuerAndSerial* issuer_and_serial;
    ASN1_OCTET_STRING* key_id;  // [0] SubjectKeyIdentifier
  } d;
};

DECLARE_ASN1_ITEM(CmsCertificateId)

// Whether `id` names `certificate`.
bool identifies(const CmsCertificateId& id, X509* certificate);

// Makes `id` (as the templates allocate it, no choice made yet) name `certificate` by issuer and
// serial number, as scepter always does.
Status name_by_issuer_and_serial(CmsCertificateId& id, const Certificate& certificate);

}  // namespace scepter::crypto
