#pragma once
// CMS SignedData (RFC 5652 section 5) as OpenSSL ASN.1 templates that keep the certificates as
// the bytes received. OpenSSL's own CMS_ContentInfo parses every certificate inside through
// X509, which decodes its key with OpenSSL 3.0's costly decoder look-up (see
// builtin_public_key.hpp); here only the signer's is parsed, by Certificate::from_der. Decoding
// accepts BER (indefinite lengths, constructed strings) as OpenSSL's templates do; encoding writes
// DER, SET OFs sorted. Internal to crypto/.

#include <openssl/safestack.h>

#include "crypto/cms_certificate_id.hpp"
#include "crypto/handles.hpp"

namespace scepter::crypto {

// SignerInfo (RFC 5652 section 5.3)
struct CmsSignerInfoFields {
  ASN1_INTEGER* version;
  CmsCertificateId* signer_id;
  X509_ALGOR* digest_algorithm;
  STACK_OF(X509_ATTRIBUTE) * signed_attributes;  // null when absent
  X509_ALGOR* signature_algorithm;
  ASN1_OCTET_STRING* signature;
  STACK_OF(X509_ATTRIBUTE) * unsigned_attributes;
};

DEFINE_STACK_OF(CmsSignerInfoFields)

// EncapsulatedContentInfo (RFC 5652 section 5.2)
struct CmsEncapsulatedContent {
  ASN1_OBJECT* type;
  ASN1_OCTET_STRING* content;  // null when absent (a detached signature)
};

// SignedData (RFC 5652 section 5.1)
struct CmsSignedDataFields {
  ASN1_INTEGER* version;
  STACK_OF(X509_ALGOR) * digest_algorithms;
  CmsEncapsulatedContent* encapsulated;
  // Each CertificateChoices as received; a Certificate is a V_ASN1_SEQUENCE holding its DER.
  STACK_OF(ASN1_TYPE) * certificates;
  STACK_OF(ASN1_TYPE) * crls;
  STACK_OF(CmsSignerInfoFields) * signer_infos;
};

// ContentInfo (RFC 5652 section 3) whose content has the shape of a SignedData; the caller checks
// the content type.
struct CmsSignedContentInfo {
  ASN1_OBJECT* type;
  CmsSignedDataFields* signed_data;
};

DECLARE_ASN1_FUNCTIONS(CmsSignedContentInfo)
DECLARE_ASN1_ALLOC_FUNCTIONS(CmsSignerInfoFields)
using CmsSignerInfoFieldsHandle = Handle<CmsSignerInfoFields, CmsSignerInfoFields_free>;
// The signed attributes as the signature covers them: their DER, a SET OF sorted whatever order
// they came in (RFC 5652 section 5.4), the way OpenSSL's CMS code re-encodes them to verify.
DECLARE_ASN1_ITEM(CmsSignedAttributesToVerify)

using CmsSignedContentInfoHandle = Handle<CmsSignedContentInfo, CmsSignedContentInfo_free>;

}  // namespace scepter::crypto
