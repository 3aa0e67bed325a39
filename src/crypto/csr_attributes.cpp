// The attributes a SCEP client puts in its PKCS#10 request.
#include "crypto/asn1.hpp"
#include "crypto/csr.hpp"
#include "crypto/der.hpp"
#include "crypto/general_names.hpp"
#include "crypto/pkcs10.hpp"

namespace scepter::crypto {
namespace {

// The DirectoryString choices of RFC 2985 challengePassword, plus IA5String, which some
// clients send instead.
bool is_directory_string(int type) {
  switch (type) {
    case V_ASN1_PRINTABLESTRING:
    case V_ASN1_UTF8STRING:
    case V_ASN1_IA5STRING:
    case V_ASN1_T61STRING:
    case V_ASN1_BMPSTRING:
    case V_ASN1_UNIVERSALSTRING:
      return true;
    default:
      return false;
  }
}

// The extensions of the PKCS#9 extensionRequest, or of Microsoft's older attribute of the same
// shape; null when there is neither or it does not decode.
X509ExtensionsHandle requested_extensions(const STACK_OF(X509_ATTRIBUTE) * attributes) {
  for (int nid : {NID_ext_req, NID_ms_ext_req}) {
    int index = X509at_get_attr_by_NID(attributes, nid, -1);
    if (index < 0) continue;
    const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(X509at_get_attr(attributes, index), 0);
    if (value == nullptr || value->type != V_ASN1_SEQUENCE) return nullptr;
    const unsigned char* cursor = value->value.sequence->data;
    return X509ExtensionsHandle(reinterpret_cast<STACK_OF(X509_EXTENSION)*>(ASN1_item_d2i(
        nullptr, &cursor, value->value.sequence->length, ASN1_ITEM_rptr(X509_EXTENSIONS))));
  }
  return nullptr;
}

}  // namespace

// The shared secret of RFC 8894 section 2.3 (client authentication). Clients differ in the
// DirectoryString choice they encode it with, so every choice is decoded.
std::optional<std::string> Csr::challenge_password() const {
  const auto* attributes = request_->info->attributes;
  int index = X509at_get_attr_by_NID(attributes, NID_pkcs9_challengePassword, -1);
  if (index < 0) return std::nullopt;
  X509_ATTRIBUTE* attribute = X509at_get_attr(attributes, index);
  // RFC 2985 defines challengePassword as SINGLE VALUE.
  if (X509_ATTRIBUTE_count(attribute) != 1) return std::nullopt;
  const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attribute, 0);
  if (value == nullptr || !is_directory_string(value->type)) return std::nullopt;
  return to_utf8(value->value.asn1_string);
}

Result<Bytes> Csr::der_without_challenge_password() const {
  auto copy = decode_der<Pkcs10Request, Pkcs10Request_free>(d2i_Pkcs10Request, der());
  if (!copy) return fail(openssl_error(ErrorCategory::crypto, "cannot copy the request"));
  auto* attributes = copy->info->attributes;
  for (int index;
       (index = X509at_get_attr_by_NID(attributes, NID_pkcs9_challengePassword, -1)) >= 0;) {
    X509AttributeHandle removed(X509at_delete_attr(attributes, index));
  }
  // Without this the copy would be written back as the bytes it was read from.
  copy->info->encoding.modified = 1;
  auto stripped = encode_der<Pkcs10Request>(i2d_Pkcs10Request, copy.get());
  if (stripped.empty())
    return fail(openssl_error(ErrorCategory::crypto, "cannot encode the request"));
  return stripped;
}

std::vector<SubjectAltName> Csr::requested_alt_names() const {
  ErrorQueueMark mark;  // a request without extensions is not an error
  auto extensions = requested_extensions(request_->info->attributes);
  if (!extensions) return {};
  GeneralNamesHandle names(static_cast<GENERAL_NAMES*>(
      X509V3_get_d2i(extensions.get(), NID_subject_alt_name, nullptr, nullptr)));
  if (!names) return {};
  return from_general_names(names.get());
}

}  // namespace scepter::crypto
