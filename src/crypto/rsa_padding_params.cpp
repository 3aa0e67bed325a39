#include "crypto/rsa_padding_params.hpp"

#include <openssl/rsa.h>

#include "crypto/cms_support.hpp"
#include "crypto/digest.hpp"

namespace scepter::crypto {
namespace {

// pSourceFunc left out, or pSpecified with an empty label.
bool has_empty_label(const X509_ALGOR* source) {
  if (source == nullptr) return true;
  const ASN1_TYPE* label = source->parameter;
  return OBJ_obj2nid(source->algorithm) == NID_pSpecified && label != nullptr &&
         ASN1_TYPE_get(label) == V_ASN1_OCTET_STRING &&
         ASN1_STRING_length(label->value.octet_string) == 0;
}

Status written(bool done) {
  return require_built(done, "RSAES-OAEP parameters");
}

}  // namespace

std::optional<DigestAlg> digest_or_sha1(const X509_ALGOR* hash) {
  return hash == nullptr ? std::optional(DigestAlg::sha1) : digest_alg_of(hash->algorithm);
}

std::optional<DigestAlg> mgf1_digest_of(const X509_ALGOR* mask_generation) {
  if (mask_generation == nullptr) return DigestAlg::sha1;
  if (OBJ_obj2nid(mask_generation->algorithm) != NID_mgf1) return std::nullopt;
  ErrorQueueMark mark;  // why the hash did not unpack: the answer is "not taken" either way
  X509AlgorHandle hash(static_cast<X509_ALGOR*>(
      ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(X509_ALGOR), mask_generation->parameter)));
  if (!hash) return std::nullopt;
  return digest_alg_of(hash->algorithm);
}

Result<RsaOaep> read_rsaes_oaep_params(const ASN1_TYPE* parameter) {
  if (parameter == nullptr || ASN1_TYPE_get(parameter) == V_ASN1_NULL) return RsaOaep{};
  RsaOaepParamsHandle params;
  {
    ErrorQueueMark mark;
    params.reset(static_cast<RSA_OAEP_PARAMS*>(
        ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(RSA_OAEP_PARAMS), parameter)));
  }
  if (!params) return fail(ErrorCategory::bad_request, "malformed RSAES-OAEP parameters");
  auto digest = digest_or_sha1(params->hashFunc);
  auto mask_digest = mgf1_digest_of(params->maskGenFunc);
  if (!digest || !mask_digest) return fail(ErrorCategory::bad_alg, "unsupported RSAES-OAEP hash");
  if (!has_empty_label(params->pSourceFunc)) {
    return fail(ErrorCategory::bad_alg, "unsupported RSAES-OAEP label");
  }
  return RsaOaep{*digest, *mask_digest};
}

Result<Asn1StringHandle> rsaes_oaep_params(const RsaOaep& oaep) {
  RsaOaepParamsHandle params(RSA_OAEP_PARAMS_new());
  SCEPTER_CHECK(written(params != nullptr));
  if (oaep.digest != DigestAlg::sha1) {
    params->hashFunc = X509_ALGOR_new();
    SCEPTER_CHECK(written(params->hashFunc != nullptr));
    SCEPTER_CHECK(set_digest_algorithm(params->hashFunc, message_digest(oaep.digest)));
  }
  if (oaep.mask_digest != DigestAlg::sha1) {
    X509AlgorHandle hash(X509_ALGOR_new());
    SCEPTER_CHECK(written(hash != nullptr));
    SCEPTER_CHECK(set_digest_algorithm(hash.get(), message_digest(oaep.mask_digest)));
    Asn1StringHandle packed(ASN1_item_pack(hash.get(), ASN1_ITEM_rptr(X509_ALGOR), nullptr));
    params->maskGenFunc = X509_ALGOR_new();
    SCEPTER_CHECK(written(packed && params->maskGenFunc != nullptr &&
                          X509_ALGOR_set0(params->maskGenFunc, OBJ_nid2obj(NID_mgf1),
                                          V_ASN1_SEQUENCE, packed.get()) == 1));
    packed.release();
  }
  Asn1StringHandle packed(ASN1_item_pack(params.get(), ASN1_ITEM_rptr(RSA_OAEP_PARAMS), nullptr));
  SCEPTER_CHECK(written(packed != nullptr));
  return packed;
}

}  // namespace scepter::crypto
