#pragma once
// Whether text is UTF-8: JSON carries nothing else, so neither does anything scepter stores or
// answers with.

#include <optional>
#include <string>
#include <string_view>

namespace scepter {

// Well-formed UTF-8 (RFC 3629): no stray continuation bytes, truncated or overlong sequences,
// surrogates or code points above U+10FFFF.
bool is_utf8(std::string_view text);
// The code points of well-formed UTF-8; nothing otherwise.
std::optional<std::u32string> code_points(std::string_view text);

}  // namespace scepter
