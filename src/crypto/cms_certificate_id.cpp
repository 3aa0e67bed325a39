#include "crypto/cms_certificate_id.hpp"

#include <openssl/asn1t.h>

namespace scepter::crypto {

DECLARE_ASN1_ALLOC_FUNCTIONS(CmsIssuerAndSerial)
using CmsIssuerAndSerialHandle = Handle<CmsIssuerAndSerial, CmsIssuerAndSerial_free>;

bool identifies(const CmsCertificateId& id, X509* certificate) {
  if (id.type == CmsCertificateId::key_id_choice) {
    const ASN1_OCTET_STRING* key_id = X509_get0_subject_key_id(certificate);
    return key_id != nullptr && ASN1_OCTET_STRING_cmp(key_id, id.d.key_id) == 0;
  }
  return X509_NAME_cmp(X509_get_issuer_name(certificate), id.d.issuer_and_serial->issuer) == 0 &&
         ASN1_INTEGER_cmp(X509_get0_serialNumber(certificate), id.d.issuer_and_serial->serial) == 0;
}

Status name_by_issuer_and_serial(CmsCertificateId& id, const Certificate& certificate) {
  CmsIssuerAndSerialHandle issuer_and_serial(CmsIssuerAndSerial_new());
  if (!issuer_and_serial ||
      X509_NAME_set(&issuer_and_serial->issuer, X509_get_issuer_name(certificate.native())) != 1 ||
      ASN1_STRING_copy(issuer_and_serial->serial, X509_get0_serialNumber(certificate.native())) !=
          1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot name a certificate"));
  }
  id.type = CmsCertificateId::issuer_and_serial_choice;
  id.d.issuer_and_serial = issuer_and_serial.release();
  return {};
}

// The template macros are laid out as the ASN.1 they declare (see pkcs10.cpp).
// clang-format off
ASN1_SEQUENCE(CmsIssuerAndSerial) = {
    ASN1_SIMPLE(CmsIssuerAndSerial, issuer, X509_NAME),
    ASN1_SIMPLE(CmsIssuerAndSerial, serial, ASN1_INTEGER),
} ASN1_SEQUENCE_END(CmsIssuerAndSerial)

ASN1_CHOICE(CmsCertificateId) = {
    ASN1_SIMPLE(CmsCertificateId, d.issuer_and_serial, CmsIssuerAndSerial),
    ASN1_IMP(CmsCertificateId, d.key_id, ASN1_OCTET_STRING, 0),
} ASN1_CHOICE_END(CmsCertificateId)

IMPLEMENT_ASN1_ALLOC_FUNCTIONS(CmsIssuerAndSerial)

}  // namespace scepter::crypto
// clang-format on
