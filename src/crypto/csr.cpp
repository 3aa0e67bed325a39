#include "crypto/csr.hpp"

#include "crypto/builtin_public_key.hpp"
#include "crypto/der.hpp"
#include "crypto/pkcs10.hpp"
#include "crypto/x509_name.hpp"

namespace scepter::crypto {
namespace {

std::string object_text(const ASN1_OBJECT* object) {
  char text[80] = {};
  OBJ_obj2txt(text, sizeof text, object, 0);
  return text;
}

// "key algorithm ED25519", "key algorithm id-ecPublicKey on curve secp256k1", ...
std::string describe_key_algorithm(const X509_ALGOR& algorithm) {
  std::string text = "key algorithm " + object_text(algorithm.algorithm);
  if (OBJ_obj2nid(algorithm.algorithm) != NID_X9_62_id_ecPublicKey) return text;
  const ASN1_TYPE* parameter = algorithm.parameter;
  if (parameter == nullptr || parameter->type != V_ASN1_OBJECT) {
    return text + " with specified curve parameters";
  }
  return text + " on curve " + object_text(parameter->value.object);
}

Result<PublicKey> request_key(const Pkcs10KeyInfo& info) {
  if (!supported_key_algorithm(*info.algorithm)) {
    return fail(ErrorCategory::bad_alg, "unsupported key algorithm",
                describe_key_algorithm(*info.algorithm));
  }
  auto key = builtin_public_key(*info.algorithm, *info.key);
  if (!key) return fail(openssl_error(ErrorCategory::bad_request, "undecodable public key"));
  // Re-encoded from the parsed parts (DER input gives back its own bytes), so that the key's
  // identity never goes through OpenSSL's key encoders.
  auto spki = encode_der<Pkcs10KeyInfo>(i2d_Pkcs10KeyInfo, &info);
  if (spki.empty()) return fail(openssl_error(ErrorCategory::crypto, "cannot encode the key"));
  return PublicKey(share(std::move(key)), std::move(spki));
}

}  // namespace

Result<Csr> Csr::from_der(ByteView der) {
  auto request = decode_der<Pkcs10Request, Pkcs10Request_free>(d2i_Pkcs10Request, der);
  if (!request) return fail(openssl_error(ErrorCategory::bad_request, "not a PKCS#10 request"));
  // RFC 2986 section 4.1: version is 0 (v1); later OpenSSL releases refuse others as well.
  if (ASN1_INTEGER_get(request->info->version) != 0) {
    return fail(ErrorCategory::bad_request, "unsupported PKCS#10 version");
  }
  SCEPTER_TRY(auto key, request_key(*request->info->key_info));
  return Csr(std::shared_ptr<Pkcs10Request>(request.release(), Pkcs10Request_free), std::move(key));
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
