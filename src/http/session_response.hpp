#pragma once
// The status line and header block of a response, written by hand: Beast's serializer walks
// nested buffer views and cost a quarter of the instructions of a GetCACaps answer.

#include <string>

#include "http/message.hpp"

namespace scepter::http::detail {

// Replaces `out` with the head of `response` for HTTP/`version` (10 or 11), ending with the blank
// line; the body follows as it is. Content-Length is always given except where HTTP forbids a
// body (1xx, 204, 304); Connection says what `keep_alive` decided when the version's default
// differs. Reuses `out`'s capacity, so a connection's answers after the first allocate nothing.
void write_response_head(std::string& out, const Response& response, unsigned version,
                         bool keep_alive);

}  // namespace scepter::http::detail
