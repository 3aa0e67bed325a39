#include "crypto/cms_signed.hpp"

#include <algorithm>

#include "crypto/asn1.hpp"
#include "crypto/cms_signed_data.hpp"
#include "crypto/cms_support.hpp"
#include "crypto/der.hpp"
#include "crypto/digest.hpp"
#include "crypto/keyless_certificate.hpp"
#include "crypto/rsa_padding_params.hpp"

namespace scepter::crypto {
namespace {

std::optional<AttributeEncoding> encoding_of(int asn1_type) {
  switch (asn1_type) {
    case V_ASN1_PRINTABLESTRING:
      return AttributeEncoding::printable_string;
    case V_ASN1_UTF8STRING:
      return AttributeEncoding::utf8_string;
    case V_ASN1_OCTET_STRING:
      return AttributeEncoding::octet_string;
    default:
      return std::nullopt;
  }
}

std::string dotted_oid(const ASN1_OBJECT* object) {
  char text[128];
  int length = OBJ_obj2txt(text, sizeof text, object, 1);
  if (length <= 0 || static_cast<std::size_t>(length) >= sizeof text) return {};
  return std::string(text, static_cast<std::size_t>(length));
}

Status read_signing_time(const ASN1_TYPE* value, SignedMessage& message) {
  int type = ASN1_TYPE_get(value);
  if ((type != V_ASN1_UTCTIME && type != V_ASN1_GENERALIZEDTIME) ||
      ASN1_TIME_check(value->value.utctime) != 1) {
    ERR_clear_error();
    return fail(ErrorCategory::bad_request, "signingTime attribute is not a valid time");
  }
  message.signing_time = to_time_point(value->value.utctime);
  return {};
}

// Keeps the string and octet string attributes, which is every SCEP attribute, plus signingTime.
// An attribute type given twice or with several values would make the message ambiguous.
Status read_attributes(const STACK_OF(X509_ATTRIBUTE) * attributes, SignedMessage& message) {
  int count = X509at_get_attr_count(attributes);
  if (count <= 0)
    return fail(ErrorCategory::bad_request, "signed message has no signed attributes");
  for (int i = 0; i < count; ++i) {
    X509_ATTRIBUTE* attribute = X509at_get_attr(attributes, i);
    if (X509_ATTRIBUTE_count(attribute) != 1) {
      return fail(ErrorCategory::bad_request, "signed attribute must have exactly one value");
    }
    const ASN1_OBJECT* type = X509_ATTRIBUTE_get0_object(attribute);
    const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attribute, 0);
    if (OBJ_obj2nid(type) == NID_pkcs9_signingTime) {
      if (message.signing_time) {
        return fail(ErrorCategory::bad_request, "signingTime attribute is repeated");
      }
      SCEPTER_CHECK(read_signing_time(value, message));
      continue;
    }
    auto encoding = encoding_of(ASN1_TYPE_get(value));
    if (!encoding) continue;
    auto oid = dotted_oid(type);
    if (oid.empty() || message.attribute(oid) != nullptr) {
      return fail(ErrorCategory::bad_request, "signed attribute is repeated or unreadable");
    }
    const ASN1_STRING* text = value->value.asn1_string;
    const unsigned char* data = ASN1_STRING_get0_data(text);
    message.attributes.push_back(
        {std::move(oid), *encoding, Bytes(data, data + ASN1_STRING_length(text))});
  }
  return {};
}

// Each certificate is read without its key until the signer's is found, and only that one is
// parsed whole: a certificate scepter could not use (an Ed25519 CA, say) may ride along. One that
// is not a certificate at all fails the message, as it did in OpenSSL's CMS code.
Result<Certificate> find_signer(const CmsSignedDataFields& signed_data,
                                const CmsCertificateId& id) {
  for (int i = 0; i < sk_ASN1_TYPE_num(signed_data.certificates); ++i) {
    const ASN1_TYPE* choice = sk_ASN1_TYPE_value(signed_data.certificates, i);
    // The other CertificateChoices (attribute certificates and older forms) are tagged.
    auto alternative = choice_alternative(choice);
    if (alternative == ChoiceAlternative::invalid) {
      return fail(ErrorCategory::bad_request, "message is not a DER SignedData");
    }
    if (alternative == ChoiceAlternative::tagged) continue;
    ByteView der = string_bytes(choice->value.sequence);
    if (auto candidate = decode_keyless(der)) {
      if (identifies(id, candidate.get())) return complete_certificate(std::move(candidate), der);
      continue;
    }
    // Malformed, or an OpenSSL other than 3.0 (see keyless_certificate.hpp).
    SCEPTER_TRY(auto certificate, Certificate::from_der(der));
    if (identifies(id, certificate.native())) return certificate;
  }
  return fail(ErrorCategory::bad_request, "signer certificate is not in the message");
}

Bytes encapsulated_content(const CmsEncapsulatedContent& encapsulated) {
  if (encapsulated.content == nullptr) return {};
  auto content = string_bytes(encapsulated.content);
  return Bytes(content.begin(), content.end());
}

// The value of the one attribute of that type; null when it is absent or repeated.
const ASN1_TYPE* single_attribute(const STACK_OF(X509_ATTRIBUTE) * attributes, int nid) {
  int at = X509at_get_attr_by_NID(attributes, nid, -1);
  if (at < 0 || X509at_get_attr_by_NID(attributes, nid, at) >= 0) return nullptr;
  return X509_ATTRIBUTE_get0_type(X509at_get_attr(attributes, at), 0);
}

// RFC 5652 section 5.3: signed attributes hold exactly one content-type, matching eContentType,
// and exactly one message-digest, the digest of the content; a countersignature is never signed,
// and neither of those nor signingTime is ever unsigned (section 11).
Status check_content_attributes(const CmsSignerInfoFields& signer_info,
                                const CmsEncapsulatedContent& encapsulated,
                                const SignedMessage& message) {
  const auto* attributes = signer_info.signed_attributes;
  const ASN1_TYPE* content_type = single_attribute(attributes, NID_pkcs9_contentType);
  const ASN1_TYPE* expected = single_attribute(attributes, NID_pkcs9_messageDigest);
  if (content_type == nullptr || expected == nullptr ||
      X509at_get_attr_by_NID(attributes, NID_pkcs9_countersignature, -1) >= 0) {
    return fail(ErrorCategory::bad_request,
                "signed attributes need one content-type and one message-digest");
  }
  for (int nid : {NID_pkcs9_contentType, NID_pkcs9_messageDigest, NID_pkcs9_signingTime}) {
    if (X509at_get_attr_by_NID(signer_info.unsigned_attributes, nid, -1) >= 0) {
      return fail(ErrorCategory::bad_request, "an attribute that must be signed is unsigned");
    }
  }
  if (ASN1_TYPE_get(content_type) != V_ASN1_OBJECT ||
      OBJ_cmp(content_type->value.object, encapsulated.type) != 0) {
    return fail(ErrorCategory::bad_request, "content-type attribute does not match the content");
  }
  if (ASN1_TYPE_get(expected) != V_ASN1_OCTET_STRING) {
    return fail(ErrorCategory::bad_request, "message-digest attribute is not an octet string");
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(message.content.data(), message.content.size(), digest, &length,
                 message_digest(message.digest), nullptr) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot digest the content"));
  }
  if (!std::ranges::equal(ByteView(digest, length), string_bytes(expected->value.octet_string))) {
    return fail(ErrorCategory::bad_message_check, "message digest does not match the content");
  }
  return {};
}

std::unexpected<Error> algorithm_does_not_fit() {
  return fail(ErrorCategory::bad_alg,
              "signature algorithm does not fit the signer's key or digest");
}

// RSASSA-PSS (RFC 4055 section 3.1) names its own digests, SHA-1 when left out: the signature's
// must be digestAlgorithm's, as OpenSSL's CMS code requires, and the mask's one scepter accepts.
Status check_pss_digests(const X509_ALGOR& pss, DigestAlg digest) {
  ErrorQueueMark mark;  // why parameters did not unpack: the answer is bad_alg either way
  using PssParamsHandle = Handle<RSA_PSS_PARAMS, RSA_PSS_PARAMS_free>;
  PssParamsHandle params(static_cast<RSA_PSS_PARAMS*>(
      ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(RSA_PSS_PARAMS), pss.parameter)));
  if (!params) return algorithm_does_not_fit();
  if (digest_or_sha1(params->hashAlgorithm) != digest ||
      !mgf1_digest_of(params->maskGenAlgorithm)) {
    return algorithm_does_not_fit();
  }
  return {};
}

bool is_nist_curve(int nid) {
  return nid == NID_X9_62_prime256v1 || nid == NID_secp384r1 || nid == NID_secp521r1;
}

// A SignerInfo names the key's algorithm (rsaEncryption) or, from some signers, a combined one
// (sha256WithRSAEncryption) or, for ECDSA, the key's curve (Go's early pkcs7 package); either way
// the signature's digest is digestAlgorithm's, as in OpenSSL's CMS code. RSASSA-PSS carries its
// own parameters.
Result<X509AlgorHandle> verification_algorithm(const X509_ALGOR& given, DigestAlg digest,
                                               const EVP_PKEY* key) {
  int given_nid = OBJ_obj2nid(given.algorithm);
  int key_nid = EVP_PKEY_get_base_id(key);
  if (given_nid == NID_rsassaPss) {
    if (key_nid != NID_rsaEncryption) return algorithm_does_not_fit();
    SCEPTER_CHECK(check_pss_digests(given, digest));
    X509AlgorHandle copy(X509_ALGOR_dup(&given));
    if (!copy) return fail(openssl_error(ErrorCategory::crypto, "cannot copy an algorithm"));
    return copy;
  }
  int named_key = given_nid;
  OBJ_find_sigid_algs(given_nid, nullptr, &named_key);
  bool fits =
      named_key == key_nid || (key_nid == NID_X9_62_id_ecPublicKey && is_nist_curve(given_nid));
  int combined = NID_undef;
  if (!fits ||
      OBJ_find_sigid_by_algs(&combined, EVP_MD_get_type(message_digest(digest)), key_nid) != 1) {
    return algorithm_does_not_fit();
  }
  X509AlgorHandle algorithm(X509_ALGOR_new());
  if (!algorithm ||
      X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(combined),
                      key_nid == NID_rsaEncryption ? V_ASN1_NULL : V_ASN1_UNDEF, nullptr) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot build an algorithm"));
  }
  return algorithm;
}

Status verify_signature(const CmsSignerInfoFields& signer_info, const SignedMessage& message) {
  EVP_PKEY* key = X509_get0_pubkey(message.signer.native());
  SCEPTER_TRY(auto algorithm,
              verification_algorithm(*signer_info.signature_algorithm, message.digest, key));
  if (ASN1_item_verify(ASN1_ITEM_rptr(CmsSignedAttributesToVerify), algorithm.get(),
                       signer_info.signature, signer_info.signed_attributes, key) != 1) {
    return fail(
        openssl_error(ErrorCategory::bad_message_check, "message signature does not verify"));
  }
  return {};
}

}  // namespace

const SignedAttribute* SignedMessage::attribute(std::string_view oid) const {
  auto found = std::find_if(attributes.begin(), attributes.end(),
                            [&](const SignedAttribute& a) { return a.oid == oid; });
  return found == attributes.end() ? nullptr : &*found;
}

Result<SignedMessage> parse_signed_message(ByteView der) {
  CmsSignedContentInfoHandle info;
  {
    ErrorQueueMark mark;
    info =
        decode_der<CmsSignedContentInfo, CmsSignedContentInfo_free>(d2i_CmsSignedContentInfo, der);
  }
  if (!info || OBJ_obj2nid(info->type) != NID_pkcs7_signed) {
    return fail(ErrorCategory::bad_request, "message is not a DER SignedData");
  }
  const CmsSignedDataFields& signed_data = *info->signed_data;
  if (sk_CmsSignerInfoFields_num(signed_data.signer_infos) != 1) {
    return fail(ErrorCategory::bad_request, "signed message must have exactly one signer");
  }
  const CmsSignerInfoFields& signer_info =
      *sk_CmsSignerInfoFields_value(signed_data.signer_infos, 0);
  SCEPTER_TRY(auto signer, find_signer(signed_data, *signer_info.signer_id));
  auto digest = digest_alg_of(signer_info.digest_algorithm->algorithm);
  if (!digest) return fail(ErrorCategory::bad_alg, "unsupported message digest algorithm");

  SignedMessage message{
      std::move(signer), *digest, {}, {}, encapsulated_content(*signed_data.encapsulated)};
  SCEPTER_CHECK(read_attributes(signer_info.signed_attributes, message));
  // An absent eContent is checked as empty content, the way a detached signer made it.
  SCEPTER_CHECK(check_content_attributes(signer_info, *signed_data.encapsulated, message));
  SCEPTER_CHECK(verify_signature(signer_info, message));
  return message;
}

}  // namespace scepter::crypto
