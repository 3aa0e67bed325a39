#pragma once
// The request target as routes see it: a path and a query, as in the origin form ("/path?query").

#include <optional>
#include <string_view>

namespace scepter::http {

struct RequestTarget {
  std::string_view path;   // up to '?', still percent-encoded
  std::string_view query;  // after '?', still percent-encoded
};

// The path and query of `target`. The absolute form ("http://host:port/path?query"), which RFC
// 9112 section 3.2.2 says a server MUST accept, loses its scheme and authority; "*" (OPTIONS *)
// is a path of its own. Nothing for other forms, other schemes, and an authority that is empty or
// holds user information (RFC 9110 section 4.2.4 says to treat that as an error).
std::optional<RequestTarget> parse_target(std::string_view target);

}  // namespace scepter::http
