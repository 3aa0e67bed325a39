#include "crypto/cms_signed_data.hpp"

#include <openssl/asn1t.h>

namespace scepter::crypto {

// The template macros are laid out as the ASN.1 they declare (see pkcs10.cpp).
// clang-format off
ASN1_SEQUENCE(CmsSignerInfoFields) = {
    ASN1_SIMPLE(CmsSignerInfoFields, version, ASN1_INTEGER),
    ASN1_SIMPLE(CmsSignerInfoFields, signer_id, CmsCertificateId),
    ASN1_SIMPLE(CmsSignerInfoFields, digest_algorithm, X509_ALGOR),
    ASN1_IMP_SET_OF_OPT(CmsSignerInfoFields, signed_attributes, X509_ATTRIBUTE, 0),
    ASN1_SIMPLE(CmsSignerInfoFields, signature_algorithm, X509_ALGOR),
    ASN1_SIMPLE(CmsSignerInfoFields, signature, ASN1_OCTET_STRING),
    ASN1_IMP_SET_OF_OPT(CmsSignerInfoFields, unsigned_attributes, X509_ATTRIBUTE, 1),
} ASN1_SEQUENCE_END(CmsSignerInfoFields)

ASN1_SEQUENCE(CmsEncapsulatedContent) = {
    ASN1_SIMPLE(CmsEncapsulatedContent, type, ASN1_OBJECT),
    ASN1_EXP_OPT(CmsEncapsulatedContent, content, ASN1_OCTET_STRING, 0),
} ASN1_SEQUENCE_END(CmsEncapsulatedContent)

ASN1_SEQUENCE(CmsSignedDataFields) = {
    ASN1_SIMPLE(CmsSignedDataFields, version, ASN1_INTEGER),
    ASN1_SET_OF(CmsSignedDataFields, digest_algorithms, X509_ALGOR),
    ASN1_SIMPLE(CmsSignedDataFields, encapsulated, CmsEncapsulatedContent),
    ASN1_IMP_SET_OF_OPT(CmsSignedDataFields, certificates, ASN1_ANY, 0),
    ASN1_IMP_SET_OF_OPT(CmsSignedDataFields, crls, ASN1_ANY, 1),
    ASN1_SET_OF(CmsSignedDataFields, signer_infos, CmsSignerInfoFields),
} ASN1_SEQUENCE_END(CmsSignedDataFields)

ASN1_SEQUENCE(CmsSignedContentInfo) = {
    ASN1_SIMPLE(CmsSignedContentInfo, type, ASN1_OBJECT),
    ASN1_EXP(CmsSignedContentInfo, signed_data, CmsSignedDataFields, 0),
} ASN1_SEQUENCE_END(CmsSignedContentInfo)

IMPLEMENT_ASN1_FUNCTIONS(CmsSignedContentInfo)
IMPLEMENT_ASN1_ALLOC_FUNCTIONS(CmsSignerInfoFields)

ASN1_ITEM_TEMPLATE(CmsSignedAttributesToVerify) =
    ASN1_EX_TEMPLATE_TYPE(ASN1_TFLG_SET_OF, 0, CmsSignedAttributesToVerify, X509_ATTRIBUTE)
ASN1_ITEM_TEMPLATE_END(CmsSignedAttributesToVerify)

}  // namespace scepter::crypto
// clang-format on
