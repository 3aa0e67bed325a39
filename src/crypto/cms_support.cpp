#include "crypto/cms_support.hpp"

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

}  // namespace scepter::crypto
