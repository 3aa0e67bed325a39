#include "crypto/cms_signed.hpp"

#include <algorithm>

#include "crypto/asn1.hpp"
#include "crypto/cms_support.hpp"
#include "crypto/digest.hpp"

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
Status read_attributes(const CMS_SignerInfo* signer_info, SignedMessage& message) {
  int count = CMS_signed_get_attr_count(signer_info);
  if (count <= 0)
    return fail(ErrorCategory::bad_request, "signed message has no signed attributes");
  for (int i = 0; i < count; ++i) {
    X509_ATTRIBUTE* attribute = CMS_signed_get_attr(signer_info, i);
    if (X509_ATTRIBUTE_count(attribute) != 1) {
      return fail(ErrorCategory::bad_request, "signed attribute must have exactly one value");
    }
    const ASN1_OBJECT* type = X509_ATTRIBUTE_get0_object(attribute);
    const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attribute, 0);
    if (OBJ_obj2nid(type) == NID_pkcs9_signingTime) {
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

Bytes encapsulated_content(CMS_ContentInfo* cms) {
  ASN1_OCTET_STRING** content = CMS_get0_content(cms);
  if (content == nullptr || *content == nullptr) return {};
  const unsigned char* data = ASN1_STRING_get0_data(*content);
  return Bytes(data, data + ASN1_STRING_length(*content));
}

Status add_attributes(CMS_SignerInfo* signer_info, const SigningOptions& options) {
  for (const auto& attribute : options.attributes) {
    if (CMS_signed_add1_attr_by_txt(signer_info, attribute.oid.c_str(),
                                    asn1_type_of(attribute.encoding), attribute.value.data(),
                                    static_cast<int>(attribute.value.size())) != 1) {
      return fail(openssl_error(ErrorCategory::crypto, "cannot add signed attribute"));
    }
  }
  // Given explicitly so that the injected clock, not OpenSSL's, dates the message.
  if (options.signing_time) {
    auto time = make_time(*options.signing_time);
    if (!time || CMS_signed_add1_attr_by_NID(signer_info, NID_pkcs9_signingTime,
                                             ASN1_STRING_type(time.get()), time.get(), -1) != 1) {
      return fail(openssl_error(ErrorCategory::crypto, "cannot add signingTime"));
    }
  }
  return {};
}

Status add_extra_certificates(CMS_ContentInfo* cms, const Certificate& signer,
                              std::span<const Certificate> extra) {
  for (auto it = extra.begin(); it != extra.end(); ++it) {
    bool carried = *it == signer || std::find(extra.begin(), it, *it) != it;
    if (!carried && CMS_add1_cert(cms, it->native()) != 1) {
      return fail(openssl_error(ErrorCategory::crypto, "cannot add certificate"));
    }
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
  SCEPTER_TRY(auto cms, parse_content_info(der, NID_pkcs7_signed, "SignedData"));
  STACK_OF(CMS_SignerInfo)* signer_infos = CMS_get0_SignerInfos(cms.get());
  if (sk_CMS_SignerInfo_num(signer_infos) != 1) {
    return fail(ErrorCategory::bad_request, "signed message must have exactly one signer");
  }
  CMS_SignerInfo* signer_info = sk_CMS_SignerInfo_value(signer_infos, 0);

  // Matches the signer to the certificates inside the message; none matching is checked below.
  CMS_set1_signers_certs(cms.get(), nullptr, 0);
  ERR_clear_error();
  X509* signer = nullptr;
  X509_ALGOR* digest_algorithm = nullptr;
  CMS_SignerInfo_get0_algs(signer_info, nullptr, &signer, &digest_algorithm, nullptr);
  if (signer == nullptr) {
    return fail(ErrorCategory::bad_request, "signer certificate is not in the message");
  }
  const ASN1_OBJECT* digest_oid = nullptr;
  X509_ALGOR_get0(&digest_oid, nullptr, nullptr, digest_algorithm);
  auto digest = digest_alg_of(digest_oid);
  if (!digest) return fail(ErrorCategory::bad_alg, "unsupported message digest algorithm");

  SignedMessage message{
      shared_certificate(signer), *digest, {}, {}, encapsulated_content(cms.get())};
  SCEPTER_CHECK(read_attributes(signer_info, message));

  // An absent eContent is verified as a signature over empty content, the way it was made.
  BioHandle detached = CMS_is_detached(cms.get()) == 1 ? read_bio({}) : nullptr;
  if (CMS_verify(cms.get(), nullptr, nullptr, detached.get(), nullptr,
                 CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1) {
    return fail(
        openssl_error(ErrorCategory::bad_message_check, "message signature does not verify"));
  }
  return message;
}

Result<Bytes> sign_message(ByteView content, const Certificate& signer, const PrivateKey& key,
                           const SigningOptions& options) {
  const EVP_MD* digest = message_digest(options.digest);
  BioHandle data = read_bio(content);
  if (digest == nullptr || !data) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot prepare signing"));
  }
  unsigned flags = CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  CmsHandle cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  // Empty content is still encapsulated (a zero-length eContent) rather than left out: RFC 8894
  // section 3.3.2 only asks that FAILURE and PENDING carry no pkcsPKIEnvelope, and certmonger's
  // OpenSSL PKCS7_verify refuses a SignedData without eContent ("no content").
  if (!cms || CMS_set_detached(cms.get(), 0) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot create SignedData"));
  }
  CMS_SignerInfo* signer_info =
      CMS_add1_signer(cms.get(), signer.native(), key.native(), digest, flags);
  if (signer_info == nullptr) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot add signer"));
  }
  SCEPTER_CHECK(add_attributes(signer_info, options));
  SCEPTER_CHECK(add_extra_certificates(cms.get(), signer, options.extra_certificates));
  if (CMS_final(cms.get(), data.get(), nullptr, CMS_BINARY) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot sign message"));
  }
  return content_info_der(cms.get());
}

}  // namespace scepter::crypto
