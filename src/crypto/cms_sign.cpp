// sign_message: a SignedData built on the templates of cms_signed_data.hpp and signed with
// sign_data, the bare operation the benchmark's floor times. OpenSSL's CMS_sign/CMS_final did the
// same work through a chain of duplications, look-ups and re-encodings that cost as much again as
// the ASN.1 itself.

#include <algorithm>
#include <climits>

#include "crypto/asn1.hpp"
#include "crypto/cms_signed.hpp"
#include "crypto/cms_signed_data.hpp"
#include "crypto/der.hpp"
#include "crypto/digest.hpp"
#include "crypto/public_key_operations.hpp"

namespace scepter::crypto {
namespace {

using AttributesHandle =
    std::unique_ptr<STACK_OF(X509_ATTRIBUTE), decltype([](STACK_OF(X509_ATTRIBUTE) * s) {
                      sk_X509_ATTRIBUTE_pop_free(s, X509_ATTRIBUTE_free);
                    })>;

int asn1_type_of(AttributeEncoding encoding) {
  switch (encoding) {
    case AttributeEncoding::printable_string:
      return V_ASN1_PRINTABLESTRING;
    case AttributeEncoding::utf8_string:
      return V_ASN1_UTF8STRING;
    case AttributeEncoding::octet_string:
      return V_ASN1_OCTET_STRING;
  }
  return V_ASN1_OCTET_STRING;
}

// RFC 5652 section 5.3: content-type and message-digest are signed whenever any attribute is;
// signingTime only when the caller dates the message, so that the injected clock, not OpenSSL's,
// is the one that does.
Result<AttributesHandle> signed_attributes(ByteView content, const EVP_MD* digest,
                                           const SigningOptions& options) {
  unsigned char content_digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  SCEPTER_CHECK(require_built(EVP_Digest(content.data(), content.size(), content_digest,
                                         &digest_length, digest, nullptr) == 1,
                              "the content digest"));
  AttributesHandle attributes(sk_X509_ATTRIBUTE_new_null());
  STACK_OF(X509_ATTRIBUTE)* stack = attributes.get();
  auto add_object = [&](int nid, int type, const void* value) {
    return stack != nullptr &&
           X509at_add1_attr_by_NID(&stack, nid, type, static_cast<const unsigned char*>(value),
                                   -1) != nullptr;
  };
  bool done = add_object(NID_pkcs9_contentType, V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data)) &&
              X509at_add1_attr_by_NID(&stack, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
                                      content_digest, static_cast<int>(digest_length)) != nullptr;
  if (done && options.signing_time) {
    auto time = make_time(*options.signing_time);
    done = time && add_object(NID_pkcs9_signingTime, ASN1_STRING_type(time.get()), time.get());
  }
  for (const auto& attribute : options.attributes) {
    done = done && attribute.value.size() <= static_cast<std::size_t>(INT_MAX) &&
           X509at_add1_attr_by_txt(&stack, attribute.oid.c_str(), asn1_type_of(attribute.encoding),
                                   attribute.value.data(),
                                   static_cast<int>(attribute.value.size())) != nullptr;
  }
  SCEPTER_CHECK(require_built(done, "the signed attributes"));
  return attributes;
}

// As OpenSSL's CMS code names them: rsaEncryption for RSA (the digest is digestAlgorithm's), the
// combined algorithm (ecdsa-with-SHA256, ...) otherwise.
Status set_signature_algorithm(X509_ALGOR* algorithm, const EVP_MD* digest, EVP_PKEY* key) {
  int key_type = EVP_PKEY_get_base_id(key);
  if (key_type == EVP_PKEY_RSA) {
    return require_built(
        X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_rsaEncryption), V_ASN1_NULL, nullptr) == 1,
        "the signature algorithm");
  }
  int combined = NID_undef;
  if (OBJ_find_sigid_by_algs(&combined, EVP_MD_get_type(digest), key_type) != 1) {
    return fail(ErrorCategory::bad_alg, "the signer's key cannot sign CMS messages");
  }
  return require_built(
      X509_ALGOR_set0(algorithm, OBJ_nid2obj(combined), V_ASN1_UNDEF, nullptr) == 1,
      "the signature algorithm");
}

Result<CmsSignerInfoFieldsHandle> signer_info_for(const Certificate& signer, const PrivateKey& key,
                                                  const EVP_MD* digest, DigestAlg digest_alg,
                                                  AttributesHandle attributes) {
  CmsSignerInfoFieldsHandle info(CmsSignerInfoFields_new());
  SCEPTER_CHECK(require_built(info != nullptr, "the SignerInfo"));
  SCEPTER_CHECK(set_signature_algorithm(info->signature_algorithm, digest, key.native()));
  auto to_sign = encode_item(attributes.get(), ASN1_ITEM_rptr(CmsSignedAttributesToVerify));
  SCEPTER_CHECK(require_built(!to_sign.empty(), "the signed attributes"));
  SCEPTER_TRY(auto signature, sign_data(key, digest_alg, to_sign));

  SCEPTER_CHECK(name_by_issuer_and_serial(*info->signer_id, signer));
  SCEPTER_CHECK(require_built(
      ASN1_INTEGER_set(info->version, 1) == 1 && set_string_bytes(info->signature, signature),
      "the SignerInfo"));
  SCEPTER_CHECK(set_digest_algorithm(info->digest_algorithm, digest));
  info->signed_attributes = attributes.release();
  return info;
}

Status add_certificate(STACK_OF(ASN1_TYPE) * certificates, const Certificate& certificate) {
  auto der = certificate.der();
  Asn1TypeHandle choice = der.empty() ? nullptr : sequence_any(der);
  SCEPTER_CHECK(require_built(choice && sk_ASN1_TYPE_push(certificates, choice.get()) > 0,
                              "the certificate set"));
  choice.release();
  return {};
}

// The signer's certificate and the extra ones, each once; the encoder sorts the SET.
Status add_certificates(CmsSignedDataFields& signed_data, const Certificate& signer,
                        std::span<const Certificate> extra) {
  signed_data.certificates = sk_ASN1_TYPE_new_null();
  SCEPTER_CHECK(require_built(signed_data.certificates != nullptr, "the certificate set"));
  SCEPTER_CHECK(add_certificate(signed_data.certificates, signer));
  for (auto it = extra.begin(); it != extra.end(); ++it) {
    if (*it == signer || std::find(extra.begin(), it, *it) != it) continue;
    SCEPTER_CHECK(add_certificate(signed_data.certificates, *it));
  }
  return {};
}

}  // namespace

Result<Bytes> sign_message(ByteView content, const Certificate& signer, const PrivateKey& key,
                           const SigningOptions& options) {
  const EVP_MD* digest = message_digest(options.digest);
  if (digest == nullptr) return fail(ErrorCategory::bad_alg, "unsupported message digest");
  SCEPTER_TRY(auto attributes, signed_attributes(content, digest, options));
  SCEPTER_TRY(auto signer_info,
              signer_info_for(signer, key, digest, options.digest, std::move(attributes)));

  CmsSignedContentInfoHandle info(CmsSignedContentInfo_new());
  SCEPTER_CHECK(require_built(info != nullptr, "the SignedData"));
  info->type = OBJ_nid2obj(NID_pkcs7_signed);
  CmsSignedDataFields& signed_data = *info->signed_data;
  SCEPTER_CHECK(require_built(ASN1_INTEGER_set(signed_data.version, 1) == 1, "the SignedData"));

  X509AlgorHandle digest_algorithm(X509_ALGOR_new());
  SCEPTER_CHECK(require_built(digest_algorithm != nullptr, "the digest algorithms"));
  SCEPTER_CHECK(set_digest_algorithm(digest_algorithm.get(), digest));
  SCEPTER_CHECK(
      require_built(sk_X509_ALGOR_push(signed_data.digest_algorithms, digest_algorithm.get()) > 0,
                    "the digest algorithms"));
  digest_algorithm.release();

  // Empty content is still encapsulated (a zero-length eContent) rather than left out: RFC 8894
  // section 3.3.2 only asks that FAILURE and PENDING carry no pkcsPKIEnvelope, and certmonger's
  // OpenSSL PKCS7_verify refuses a SignedData without eContent ("no content").
  signed_data.encapsulated->type = OBJ_nid2obj(NID_pkcs7_data);
  signed_data.encapsulated->content = ASN1_OCTET_STRING_new();
  SCEPTER_CHECK(require_built(signed_data.encapsulated->content != nullptr &&
                                  set_string_bytes(signed_data.encapsulated->content, content),
                              "the encapsulated content"));

  SCEPTER_CHECK(
      require_built(sk_CmsSignerInfoFields_push(signed_data.signer_infos, signer_info.get()) > 0,
                    "the SignerInfo"));
  signer_info.release();
  SCEPTER_CHECK(add_certificates(signed_data, signer, options.extra_certificates));

  auto der = encode_der(i2d_CmsSignedContentInfo, info.get());
  SCEPTER_CHECK(require_built(!der.empty(), "the SignedData encoding"));
  return der;
}

}  // namespace scepter::crypto
