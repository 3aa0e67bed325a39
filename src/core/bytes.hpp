#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace scepter {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline ByteView as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}
inline std::string_view as_chars(ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}
inline Bytes to_bytes(std::string_view text) {
  auto view = as_bytes(text);
  return Bytes(view.begin(), view.end());
}

std::string hex_encode(ByteView bytes, bool upper = false);
// Accepts upper or lower case, optional ':' separators; returns empty optional-like false on bad
// input.
bool hex_decode(std::string_view text, Bytes& out);

// Constant-time comparison for secrets and digests.
bool constant_time_equal(ByteView a, ByteView b);

}  // namespace scepter
