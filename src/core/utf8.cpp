#include "core/utf8.hpp"

#include <cstddef>

namespace scepter {
namespace {

// What a lead byte starts (RFC 3629 section 4): the sequence's length, and the range of the byte
// after it, which excludes overlong forms (E0, F0), surrogates (ED) and code points above
// U+10FFFF (F4). Later bytes are 80..BF.
struct Utf8Sequence {
  std::size_t length = 0;  // 0: not a lead byte
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xbf;
};

Utf8Sequence sequence_led_by(unsigned char lead) {
  if (lead < 0x80) return {.length = 1};
  if (lead >= 0xc2 && lead <= 0xdf) return {.length = 2};
  if (lead == 0xe0) return {.length = 3, .second_min = 0xa0};
  if (lead == 0xed) return {.length = 3, .second_max = 0x9f};
  if (lead >= 0xe1 && lead <= 0xef) return {.length = 3};
  if (lead == 0xf0) return {.length = 4, .second_min = 0x90};
  if (lead >= 0xf1 && lead <= 0xf3) return {.length = 4};
  if (lead == 0xf4) return {.length = 4, .second_max = 0x8f};
  return {};
}

// The length of the well-formed sequence at `at`; 0 if there is none.
std::size_t sequence_at(std::string_view text, std::size_t at) {
  const auto sequence = sequence_led_by(static_cast<unsigned char>(text[at]));
  if (sequence.length == 0 || text.size() - at < sequence.length) return 0;
  for (std::size_t i = 1; i < sequence.length; ++i) {
    const auto byte = static_cast<unsigned char>(text[at + i]);
    const unsigned char min = i == 1 ? sequence.second_min : 0x80;
    const unsigned char max = i == 1 ? sequence.second_max : 0xbf;
    if (byte < min || byte > max) return 0;
  }
  return sequence.length;
}

}  // namespace

bool is_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = sequence_at(text, at);
    if (length == 0) return false;
    at += length;
  }
  return true;
}

std::optional<std::u32string> code_points(std::string_view text) {
  static constexpr unsigned char kLeadBits[] = {0, 0x7f, 0x1f, 0x0f, 0x07};
  std::u32string decoded;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = sequence_at(text, at);
    if (length == 0) return std::nullopt;
    char32_t point = static_cast<unsigned char>(text[at]) & kLeadBits[length];
    for (std::size_t i = 1; i < length; ++i) {
      point = (point << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3f);
    }
    decoded.push_back(point);
    at += length;
  }
  return decoded;
}

}  // namespace scepter
