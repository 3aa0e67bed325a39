#include "crypto/x509_name.hpp"

#include <algorithm>

#include "crypto/asn1.hpp"

namespace scepter::crypto {
namespace {

std::string attribute_type(const ASN1_OBJECT* object) {
  int nid = OBJ_obj2nid(object);
  if (nid != NID_undef) return OBJ_nid2sn(nid);
  char dotted[128];
  int length = OBJ_obj2txt(dotted, sizeof dotted, object, 1);
  return length > 0 ? std::string(dotted, std::min<std::size_t>(length, sizeof dotted - 1)) : "";
}

// A value that is not valid in its own encoding keeps its ASCII and shows '?' for the rest, so
// that a malformed name can still be logged and matched without trusting its bytes.
std::string printable_fallback(const ASN1_STRING* value) {
  const unsigned char* data = ASN1_STRING_get0_data(value);
  std::string out;
  for (int i = 0; i < ASN1_STRING_length(value); ++i) {
    out.push_back(data[i] >= 0x20 && data[i] < 0x7f ? static_cast<char>(data[i]) : '?');
  }
  return out;
}

}  // namespace

DistinguishedName from_x509_name(const X509_NAME* name) {
  DistinguishedName out;
  int count = X509_NAME_entry_count(name);
  out.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    const ASN1_STRING* value = X509_NAME_ENTRY_get_data(entry);
    auto text = to_utf8(value);
    out.push_back({attribute_type(X509_NAME_ENTRY_get_object(entry)),
                   text ? std::move(*text) : printable_fallback(value)});
  }
  return out;
}

Result<X509NameHandle> to_x509_name(const DistinguishedName& name, std::string field) {
  X509NameHandle out(X509_NAME_new());
  if (!out) return fail(openssl_error(ErrorCategory::crypto, "cannot build name"));
  for (const auto& attribute : name) {
    if (X509_NAME_add_entry_by_txt(out.get(), attribute.type.c_str(), MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(attribute.value.data()),
                                   static_cast<int>(attribute.value.size()), -1, 0) != 1) {
      auto error = openssl_error(ErrorCategory::invalid, "name attribute " + attribute.type +
                                                             " is unknown or its value "
                                                             "does not fit the attribute");
      error.field = std::move(field);
      return fail(std::move(error));
    }
  }
  return out;
}

}  // namespace scepter::crypto
