#include "crypto/asn1.hpp"

#include <climits>
#include <ctime>

namespace scepter::crypto {

Asn1TimeHandle make_time(TimePoint at) {
  return Asn1TimeHandle(ASN1_TIME_set(nullptr, static_cast<time_t>(to_unix(at))));
}

TimePoint to_time_point(const ASN1_TIME* time) {
  std::tm parts{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) return {};
  return from_unix(timegm(&parts));
}

ByteView string_bytes(const ASN1_STRING* string) {
  return {ASN1_STRING_get0_data(string), static_cast<std::size_t>(ASN1_STRING_length(string))};
}

bool set_string_bytes(ASN1_STRING* string, ByteView bytes) {
  return bytes.size() <= static_cast<std::size_t>(INT_MAX) &&
         ASN1_STRING_set(string, bytes.data(), static_cast<int>(bytes.size())) == 1;
}

ChoiceAlternative choice_alternative(const ASN1_TYPE* any) {
  switch (ASN1_TYPE_get(any)) {
    case V_ASN1_SEQUENCE:
      return ChoiceAlternative::untagged_sequence;
    case V_ASN1_OTHER:  // what OpenSSL's ANY makes of every non-universal tag
      return ChoiceAlternative::tagged;
    default:
      return ChoiceAlternative::invalid;
  }
}

Asn1TypeHandle sequence_any(ByteView der) {
  Asn1StringHandle bytes(ASN1_STRING_type_new(V_ASN1_SEQUENCE));
  Asn1TypeHandle any(ASN1_TYPE_new());
  if (!bytes || !any || !set_string_bytes(bytes.get(), der)) return nullptr;
  ASN1_TYPE_set(any.get(), V_ASN1_SEQUENCE, bytes.release());
  return any;
}

Result<Asn1IntegerHandle> make_positive_integer(ByteView magnitude, std::string field) {
  auto first = magnitude.begin();
  while (first != magnitude.end() && *first == 0) ++first;
  auto length = static_cast<std::size_t>(magnitude.end() - first);
  if (length == 0 || length > 20) {
    return fail(invalid_field(std::move(field), "must be a positive number of at most 20 bytes"));
  }
  Asn1IntegerHandle integer(ASN1_INTEGER_new());
  if (!integer || ASN1_STRING_set(integer.get(), &*first, static_cast<int>(length)) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot encode integer"));
  }
  return integer;
}

Bytes integer_magnitude(const ASN1_INTEGER* integer) {
  const unsigned char* data = ASN1_STRING_get0_data(integer);
  int length = ASN1_STRING_length(integer);
  int skip = 0;
  while (skip < length && data[skip] == 0) ++skip;
  if (skip == length) return Bytes{0};
  return Bytes(data + skip, data + length);
}

std::optional<std::string> to_utf8(const ASN1_STRING* text) {
  ErrorQueueMark mark;
  unsigned char* converted = nullptr;
  int length = ASN1_STRING_to_UTF8(&converted, text);
  OpensslBufferHandle owner(converted);
  if (length < 0) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(converted), static_cast<std::size_t>(length));
}

Asn1StringHandle make_utf8_string(std::string_view text) {
  ErrorQueueMark mark;
  ASN1_STRING* out = nullptr;
  // Copying from MBSTRING_UTF8 validates the input before it is stored.
  if (ASN1_mbstring_copy(&out, reinterpret_cast<const unsigned char*>(text.data()),
                         static_cast<int>(text.size()), MBSTRING_UTF8, B_ASN1_UTF8STRING) < 0) {
    return nullptr;
  }
  return Asn1StringHandle(out);
}

}  // namespace scepter::crypto
