#pragma once
// Text codecs for network input: base64 (RFC 4648) and URL percent-encoding (RFC 3986).

#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/error.hpp"

namespace scepter {

std::string base64_encode(ByteView bytes);
// Accepts the standard alphabet with or without padding; whitespace (CR, LF, space, tab) is
// skipped because SCEP clients wrap lines. Anything else is a bad_request error.
Result<Bytes> base64_decode(std::string_view text);

// Percent-decodes. '+' stays '+' unless plus_as_space: SCEP clients often leave the '+' of
// base64 unescaped in query strings, so turning it into a space would corrupt the message.
Result<std::string> url_decode(std::string_view text, bool plus_as_space = false);
std::string url_encode(std::string_view text);

// Finds `name` in a query string ("a=1&b=2") and returns its still-encoded value.
std::optional<std::string_view> query_parameter(std::string_view query, std::string_view name);

}  // namespace scepter
