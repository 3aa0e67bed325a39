#include "crypto/csr.hpp"

#include "crypto/builtin_public_key.hpp"
#include "crypto/der.hpp"
#include "crypto/pkcs10.hpp"
#include "crypto/x509_name.hpp"

namespace scepter::crypto {
namespace {

Result<PublicKey> request_key(const Pkcs10KeyInfo& info) {
  int algorithm = OBJ_obj2nid(info.algorithm->algorithm);
  if (algorithm != NID_rsaEncryption && algorithm != NID_X9_62_id_ecPublicKey) {
    char name[80] = {};
    OBJ_obj2txt(name, sizeof name, info.algorithm->algorithm, 0);
    return fail(ErrorCategory::bad_alg, "unsupported key algorithm",
                std::string("key algorithm ") + name);
  }
  auto key = builtin_public_key(*info.algorithm, *info.key);
  if (!key) return fail(openssl_error(ErrorCategory::bad_request, "undecodable public key"));
  // The SubjectPublicKeyInfo as received (DER re-encodes to the same bytes), so that the key's
  // identity never goes through OpenSSL's key encoders.
  return PublicKey(share(std::move(key)), encode_der<Pkcs10KeyInfo>(i2d_Pkcs10KeyInfo, &info));
}

}  // namespace

Result<Csr> Csr::from_der(ByteView der) {
  auto request = decode_der<Pkcs10Request, Pkcs10Request_free>(d2i_Pkcs10Request, der);
  if (!request) return fail(openssl_error(ErrorCategory::bad_request, "not a PKCS#10 request"));
  SCEPTER_TRY(auto key, request_key(*request->info->key_info));
  return Csr(std::shared_ptr<Pkcs10Request>(request.release(), Pkcs10Request_free),
             std::move(key));
}

Bytes Csr::der() const {
  return encode_der<Pkcs10Request>(i2d_Pkcs10Request, request_.get());
}

DistinguishedName Csr::subject() const {
  return from_x509_name(request_->info->subject);
}

Bytes Csr::subject_der() const {
  return encode_der<X509_NAME>(i2d_X509_NAME, request_->info->subject);
}

PublicKey Csr::public_key() const {
  return key_;
}

Status Csr::verify_signature() const {
  // The information's encoding is the one received (ASN1_SEQUENCE_enc keeps it).
  if (ASN1_item_verify(ASN1_ITEM_rptr(Pkcs10Info), request_->signature_algorithm,
                       request_->signature, request_->info, key_.native()) != 1) {
    return fail(
        openssl_error(ErrorCategory::bad_message_check, "the request's signature does not verify"));
  }
  return {};
}

}  // namespace scepter::crypto
