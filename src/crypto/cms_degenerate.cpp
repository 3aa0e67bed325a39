#include "crypto/cms_degenerate.hpp"

#include "crypto/cms_support.hpp"
#include "crypto/der.hpp"

namespace scepter::crypto {

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.4
// MUST: a certificates-only SignedData has no signerInfos and no encapsulated content.
Result<Bytes> degenerate_signed_data(std::span<const Certificate> certificates,
                                     std::span<const Crl> crls) {
  Pkcs7Handle message(PKCS7_new());
  if (!message || PKCS7_set_type(message.get(), NID_pkcs7_signed) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot create SignedData"));
  }
  // Content type id-data without the content itself (PKCS7_content_new would add an empty one).
  message->d.sign->contents->type = OBJ_nid2obj(NID_pkcs7_data);
  for (const auto& certificate : certificates) {
    if (PKCS7_add_certificate(message.get(), certificate.native()) != 1) {
      return fail(openssl_error(ErrorCategory::crypto, "cannot add certificate"));
    }
  }
  for (const auto& crl : crls) {
    if (PKCS7_add_crl(message.get(), crl.native()) != 1) {
      return fail(openssl_error(ErrorCategory::crypto, "cannot add CRL"));
    }
  }
  auto der = encode_der(i2d_PKCS7, message.get());
  if (der.empty()) return fail(openssl_error(ErrorCategory::crypto, "cannot encode SignedData"));
  return der;
}

Result<CertificateBag> read_certificate_bag(ByteView der) {
  ErrorQueueMark mark;
  auto message = decode_der<PKCS7, PKCS7_free>(d2i_PKCS7, der);
  if (!message || PKCS7_type_is_signed(message.get()) == 0 || message->d.sign == nullptr) {
    return fail(ErrorCategory::bad_request, "message is not a DER SignedData");
  }
  CertificateBag bag;
  STACK_OF(X509)* certificates = message->d.sign->cert;
  for (int i = 0; i < sk_X509_num(certificates); ++i) {
    bag.certificates.push_back(shared_certificate(sk_X509_value(certificates, i)));
  }
  STACK_OF(X509_CRL)* crls = message->d.sign->crl;
  for (int i = 0; i < sk_X509_CRL_num(crls); ++i) {
    bag.crls.push_back(shared_crl(sk_X509_CRL_value(crls, i)));
  }
  return bag;
}

}  // namespace scepter::crypto
