#include "crypto/general_names.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <optional>

#include "crypto/asn1.hpp"

namespace scepter::crypto {
namespace {

std::string raw_text(const ASN1_STRING* value) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                     static_cast<std::size_t>(ASN1_STRING_length(value)));
}

std::optional<std::string> ip_text(const ASN1_OCTET_STRING* address) {
  int length = ASN1_STRING_length(address);
  int family = length == 4 ? AF_INET : length == 16 ? AF_INET6 : AF_UNSPEC;
  if (family == AF_UNSPEC) return std::nullopt;
  char text[INET6_ADDRSTRLEN];
  if (inet_ntop(family, ASN1_STRING_get0_data(address), text, sizeof text) == nullptr) {
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<std::string> upn_text(const OTHERNAME* other) {
  if (OBJ_obj2nid(other->type_id) != NID_ms_upn || other->value == nullptr ||
      other->value->type != V_ASN1_UTF8STRING) {
    return std::nullopt;
  }
  return to_utf8(other->value->value.utf8string);
}

std::optional<SubjectAltName> from_general_name(const GENERAL_NAME* name) {
  switch (name->type) {
    case GEN_DNS:
      return SubjectAltName{SanType::dns, raw_text(name->d.dNSName)};
    case GEN_EMAIL:
      return SubjectAltName{SanType::email, raw_text(name->d.rfc822Name)};
    case GEN_URI:
      return SubjectAltName{SanType::uri, raw_text(name->d.uniformResourceIdentifier)};
    case GEN_IPADD:
      if (auto text = ip_text(name->d.iPAddress)) return SubjectAltName{SanType::ip, *text};
      return std::nullopt;
    case GEN_OTHERNAME:
      if (auto text = upn_text(name->d.otherName)) return SubjectAltName{SanType::upn, *text};
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

Result<GeneralNameHandle> ia5_name(int type, std::string_view text, const std::string& field) {
  if (!is_ascii(text)) return fail(invalid_field(field, "alternative name must be ASCII"));
  Asn1StringHandle value(ASN1_IA5STRING_new());
  GeneralNameHandle name(GENERAL_NAME_new());
  if (!value || !name ||
      ASN1_STRING_set(value.get(), text.data(), static_cast<int>(text.size())) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot encode alternative name"));
  }
  GENERAL_NAME_set0_value(name.get(), type, value.release());
  return name;
}

Result<GeneralNameHandle> ip_name(const std::string& text, const std::string& field) {
  Asn1OctetStringHandle address;
  {
    ErrorQueueMark mark;  // a bad address is the caller's mistake, not an OpenSSL fault
    if (text.find('\0') == std::string::npos) address.reset(a2i_IPADDRESS(text.c_str()));
  }
  if (!address) return fail(invalid_field(field, "'" + text + "' is not an IP address"));
  GeneralNameHandle name(GENERAL_NAME_new());
  if (!name) return fail(openssl_error(ErrorCategory::crypto, "cannot encode alternative name"));
  GENERAL_NAME_set0_value(name.get(), GEN_IPADD, address.release());
  return name;
}

Result<GeneralNameHandle> upn_name(std::string_view text, const std::string& field) {
  auto utf8 = make_utf8_string(text);
  if (!utf8) return fail(invalid_field(field, "user principal name must be UTF-8"));
  Asn1TypeHandle value(ASN1_TYPE_new());
  GeneralNameHandle name(GENERAL_NAME_new());
  if (!value || !name) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot encode alternative name"));
  }
  ASN1_TYPE_set(value.get(), V_ASN1_UTF8STRING, utf8.release());
  // OBJ_nid2obj returns a static object, which ASN1_OBJECT_free leaves alone.
  if (GENERAL_NAME_set0_othername(name.get(), OBJ_nid2obj(NID_ms_upn), value.get()) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot encode alternative name"));
  }
  value.release();
  return name;
}

Result<GeneralNameHandle> to_general_name(const SubjectAltName& alt, const std::string& field) {
  switch (alt.type) {
    case SanType::dns:
      return ia5_name(GEN_DNS, alt.value, field);
    case SanType::email:
      return ia5_name(GEN_EMAIL, alt.value, field);
    case SanType::uri:
      return ia5_name(GEN_URI, alt.value, field);
    case SanType::ip:
      return ip_name(alt.value, field);
    case SanType::upn:
      return upn_name(alt.value, field);
  }
  return fail(invalid_field(field, "unknown alternative name type"));
}

}  // namespace

std::vector<SubjectAltName> from_general_names(const GENERAL_NAMES* names) {
  std::vector<SubjectAltName> out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    if (auto alt = from_general_name(sk_GENERAL_NAME_value(names, i))) out.push_back(*alt);
  }
  return out;
}

Result<GeneralNamesHandle> to_general_names(const std::vector<SubjectAltName>& names,
                                            std::string field) {
  GeneralNamesHandle out(GENERAL_NAMES_new());
  if (!out) return fail(openssl_error(ErrorCategory::crypto, "cannot encode alternative names"));
  for (const auto& alt : names) {
    SCEPTER_TRY(auto name, to_general_name(alt, field));
    if (sk_GENERAL_NAME_push(out.get(), name.get()) <= 0) {
      return fail(openssl_error(ErrorCategory::crypto, "cannot encode alternative names"));
    }
    name.release();
  }
  return out;
}

}  // namespace scepter::crypto
