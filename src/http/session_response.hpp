#pragma once
// The status line and header block of a response, written by hand: Beast's serializer walks
// nested buffer views and cost a quarter of the instructions of a GetCACaps answer.

#include <string>

#include "http/message.hpp"

namespace scepter::http::detail {

// What the request decides about the form of its answer.
struct Framing {
  unsigned version = 11;    // HTTP/1.0 (10) or HTTP/1.1 (11)
  bool keep_alive = false;  // the connection stays open after this answer
  bool head = false;        // the answer is to a HEAD request: a head and no body
};

// Replaces `out` with the head of `response`, ending with the blank line; the body follows as it
// is, unless the request was a HEAD. Content-Length is given except where HTTP forbids a body
// (1xx, 204, 304) and for HEAD, whose Content-Length would have to be what a GET gets (RFC 9110
// section 8.6), which no route here answers alike. Connection says what keep_alive decided when
// the version's default differs. Reuses `out`'s capacity, so a connection's answers after the
// first allocate nothing.
void write_response_head(std::string& out, const Response& response, Framing framing);
// Whether `response`'s body follows its head.
bool sends_body(const Response& response, Framing framing);

}  // namespace scepter::http::detail
