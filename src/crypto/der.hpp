#pragma once
// DER encoding and strict decoding of OpenSSL ASN.1 objects. Internal to crypto/.

#include <climits>

#include "crypto/handles.hpp"

namespace scepter::crypto {

// The DER of `object`; empty when OpenSSL cannot encode it.
template <class T>
Bytes encode_der(int (*encode)(const T*, unsigned char**), const T* object) {
  int size = encode(object, nullptr);
  if (size <= 0) return {};
  Bytes out(static_cast<std::size_t>(size));
  unsigned char* cursor = out.data();
  if (encode(object, &cursor) != size) return {};
  return out;
}

// The DER of `value`, an object of the template `item`; empty when OpenSSL cannot encode it.
inline Bytes encode_item(const void* value, const ASN1_ITEM* item) {
  const auto* object = static_cast<const ASN1_VALUE*>(value);
  int size = ASN1_item_i2d(object, nullptr, item);
  if (size <= 0) return {};
  Bytes out(static_cast<std::size_t>(size));
  unsigned char* cursor = out.data();
  if (ASN1_item_i2d(object, &cursor, item) != size) return {};
  return out;
}

// Decodes exactly one object filling all of `der`: trailing bytes make it invalid too.
template <class T, auto Free>
Handle<T, Free> decode_der(T* (*decode)(T**, const unsigned char**, long), ByteView der) {
  if (der.empty() || der.size() > static_cast<std::size_t>(LONG_MAX)) return nullptr;
  const unsigned char* cursor = der.data();
  Handle<T, Free> object(decode(nullptr, &cursor, static_cast<long>(der.size())));
  if (object && cursor != der.data() + der.size()) return nullptr;
  return object;
}

}  // namespace scepter::crypto
