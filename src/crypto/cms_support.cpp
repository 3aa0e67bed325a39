#include "crypto/cms_support.hpp"

#include <string>

#include "crypto/der.hpp"

namespace scepter::crypto {

Certificate shared_certificate(X509* cert) {
  X509_up_ref(cert);
  return Certificate(share(X509Handle(cert)));
}

Crl shared_crl(X509_CRL* crl) {
  X509_CRL_up_ref(crl);
  return Crl(share(X509CrlHandle(crl)));
}

std::optional<DigestAlg> digest_alg_of(const ASN1_OBJECT* oid) {
  switch (OBJ_obj2nid(oid)) {
    case NID_sha1:
      return DigestAlg::sha1;
    case NID_sha256:
      return DigestAlg::sha256;
    case NID_sha384:
      return DigestAlg::sha384;
    case NID_sha512:
      return DigestAlg::sha512;
    default:
      return std::nullopt;
  }
}

Result<CmsHandle> parse_content_info(ByteView der, int content_type_nid, std::string_view what) {
  ErrorQueueMark mark;
  auto cms = decode_der<CMS_ContentInfo, CMS_ContentInfo_free>(d2i_CMS_ContentInfo, der);
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != content_type_nid) {
    return fail(ErrorCategory::bad_request, "message is not a DER " + std::string(what));
  }
  return cms;
}

Result<Bytes> content_info_der(const CMS_ContentInfo* cms) {
  auto der = encode_der(i2d_CMS_ContentInfo, cms);
  if (der.empty()) return fail(openssl_error(ErrorCategory::crypto, "cannot encode CMS message"));
  return der;
}

}  // namespace scepter::crypto
