#include "crypto/csr.hpp"

#include "crypto/der.hpp"
#include "crypto/key_type.hpp"
#include "crypto/x509_name.hpp"

namespace scepter::crypto {

Result<Csr> Csr::from_der(ByteView der) {
  auto req = decode_der<X509_REQ, X509_REQ_free>(d2i_X509_REQ, der);
  if (!req) return fail(openssl_error(ErrorCategory::bad_request, "not a PKCS#10 request"));
  // Every Csr has a usable key, so public_key() and verify_signature() cannot meet a null one.
  SCEPTER_CHECK(supported_key_type(X509_REQ_get0_pubkey(req.get())));
  return Csr(share(std::move(req)));
}

Bytes Csr::der() const {
  return encode_der<X509_REQ>(i2d_X509_REQ, req_.get());
}

DistinguishedName Csr::subject() const {
  return from_x509_name(X509_REQ_get_subject_name(req_.get()));
}

Bytes Csr::subject_der() const {
  return encode_der<X509_NAME>(i2d_X509_NAME, X509_REQ_get_subject_name(req_.get()));
}

PublicKey Csr::public_key() const {
  // Shares ownership with the request, which owns the key.
  // The SubjectPublicKeyInfo as parsed, re-serialized without OpenSSL's key encoders.
  auto spki = encode_der<X509_PUBKEY>(i2d_X509_PUBKEY, X509_REQ_get_X509_PUBKEY(req_.get()));
  return PublicKey(std::shared_ptr<EVP_PKEY>(req_, X509_REQ_get0_pubkey(req_.get())),
                   std::move(spki));
}

Status Csr::verify_signature() const {
  if (X509_REQ_verify(req_.get(), X509_REQ_get0_pubkey(req_.get())) != 1) {
    return fail(
        openssl_error(ErrorCategory::bad_message_check, "the request's signature does not verify"));
  }
  return {};
}

}  // namespace scepter::crypto
