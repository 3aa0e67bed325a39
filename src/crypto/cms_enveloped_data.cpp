#include "crypto/cms_enveloped_data.hpp"

#include <openssl/asn1t.h>

namespace scepter::crypto {

// The template macros are laid out as the ASN.1 they declare (see pkcs10.cpp).
// clang-format off
ASN1_SEQUENCE(CmsKeyTransRecipient) = {
    ASN1_SIMPLE(CmsKeyTransRecipient, version, ASN1_INTEGER),
    ASN1_SIMPLE(CmsKeyTransRecipient, recipient_id, CmsCertificateId),
    ASN1_SIMPLE(CmsKeyTransRecipient, key_encryption_algorithm, X509_ALGOR),
    ASN1_SIMPLE(CmsKeyTransRecipient, encrypted_key, ASN1_OCTET_STRING),
} ASN1_SEQUENCE_END(CmsKeyTransRecipient)

ASN1_SEQUENCE(CmsEncryptedContent) = {
    ASN1_SIMPLE(CmsEncryptedContent, type, ASN1_OBJECT),
    ASN1_SIMPLE(CmsEncryptedContent, content_encryption_algorithm, X509_ALGOR),
    ASN1_IMP_OPT(CmsEncryptedContent, encrypted_content, ASN1_OCTET_STRING, 0),
} ASN1_SEQUENCE_END(CmsEncryptedContent)

ASN1_SEQUENCE(CmsEnvelopedDataFields) = {
    ASN1_SIMPLE(CmsEnvelopedDataFields, version, ASN1_INTEGER),
    ASN1_IMP_SEQUENCE_OF_OPT(CmsEnvelopedDataFields, originator_info, ASN1_ANY, 0),
    ASN1_SET_OF(CmsEnvelopedDataFields, recipient_infos, ASN1_ANY),
    ASN1_SIMPLE(CmsEnvelopedDataFields, encrypted_content_info, CmsEncryptedContent),
    ASN1_IMP_SET_OF_OPT(CmsEnvelopedDataFields, unprotected_attributes, X509_ATTRIBUTE, 1),
} ASN1_SEQUENCE_END(CmsEnvelopedDataFields)

ASN1_SEQUENCE(CmsEnvelopedContentInfo) = {
    ASN1_SIMPLE(CmsEnvelopedContentInfo, type, ASN1_OBJECT),
    ASN1_EXP(CmsEnvelopedContentInfo, enveloped_data, CmsEnvelopedDataFields, 0),
} ASN1_SEQUENCE_END(CmsEnvelopedContentInfo)

IMPLEMENT_ASN1_FUNCTIONS(CmsKeyTransRecipient)
IMPLEMENT_ASN1_FUNCTIONS(CmsEnvelopedContentInfo)

}  // namespace scepter::crypto
// clang-format on
