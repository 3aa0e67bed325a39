#pragma once
// CMS EnvelopedData (RFC 5652 section 6) as OpenSSL ASN.1 templates. OpenSSL's CMS_ContentInfo
// brings a decoder and encoder with per-message key contexts and fetches around the one RSA
// operation; these templates hold only the fields, so that cms_enveloped.cpp does the key
// transport and content encryption itself. Decoding accepts BER (indefinite lengths, an
// encryptedContent in constructed pieces as streaming encoders write it) as OpenSSL's templates
// do. Internal to crypto/.

#include <openssl/safestack.h>

#include "crypto/cms_certificate_id.hpp"
#include "crypto/handles.hpp"

namespace scepter::crypto {

// KeyTransRecipientInfo (RFC 5652 section 6.2.1)
struct CmsKeyTransRecipient {
  ASN1_INTEGER* version;
  CmsCertificateId* recipient_id;
  X509_ALGOR* key_encryption_algorithm;
  ASN1_OCTET_STRING* encrypted_key;
};

// EncryptedContentInfo (RFC 5652 section 6.1)
struct CmsEncryptedContent {
  ASN1_OBJECT* type;
  X509_ALGOR* content_encryption_algorithm;
  ASN1_OCTET_STRING* encrypted_content;  // null when absent
};

// EnvelopedData (RFC 5652 section 6.1)
struct CmsEnvelopedDataFields {
  ASN1_INTEGER* version;
  STACK_OF(ASN1_TYPE) * originator_info;  // its certs and crls as received; null when absent
  // Each RecipientInfo as received: a KeyTransRecipientInfo is a V_ASN1_SEQUENCE holding its
  // encoding, the other kinds (kari, kekri, pwri, ori) are tagged and come as V_ASN1_OTHER.
  STACK_OF(ASN1_TYPE) * recipient_infos;
  CmsEncryptedContent* encrypted_content_info;
  STACK_OF(X509_ATTRIBUTE) * unprotected_attributes;  // null when absent
};

// ContentInfo (RFC 5652 section 3) whose content has the shape of an EnvelopedData; the caller
// checks the content type.
struct CmsEnvelopedContentInfo {
  ASN1_OBJECT* type;
  CmsEnvelopedDataFields* enveloped_data;
};

DECLARE_ASN1_FUNCTIONS(CmsKeyTransRecipient)
DECLARE_ASN1_FUNCTIONS(CmsEnvelopedContentInfo)

using CmsKeyTransRecipientHandle = Handle<CmsKeyTransRecipient, CmsKeyTransRecipient_free>;
using CmsEnvelopedContentInfoHandle = Handle<CmsEnvelopedContentInfo, CmsEnvelopedContentInfo_free>;

}  // namespace scepter::crypto
