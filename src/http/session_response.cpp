#include "http/session_response.hpp"

// Beast's status header uses std::ostream without including it.
// clang-format off
#include <ostream>
#include <boost/beast/http/status.hpp>
// clang-format on
#include <charconv>

namespace scepter::http::detail {
namespace {

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

void append_number(std::string& out, std::size_t number) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  out.append(digits, end);
}

}  // namespace

bool sends_body(const Response& response, Framing framing) {
  return !framing.head && response.status >= 200 && response.status != 204 &&
         response.status != 304;
}

void write_response_head(std::string& out, const Response& response, Framing framing) {
  namespace bhttp = boost::beast::http;
  out.clear();
  out += framing.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  append_number(out, response.status);
  out += ' ';
  out += bhttp::obsolete_reason(bhttp::int_to_status(response.status));
  out += "\r\n";
  append_field(out, "Server", "scepter");
  if (!response.content_type.empty()) append_field(out, "Content-Type", response.content_type);
  for (const auto& header : response.headers) append_field(out, header.name, header.value);
  if (sends_body(response, framing)) {
    out += "Content-Length: ";
    append_number(out, response.body.size());
    out += "\r\n";
  }
  if (framing.version == 10 && framing.keep_alive) append_field(out, "Connection", "keep-alive");
  if (framing.version != 10 && !framing.keep_alive) append_field(out, "Connection", "close");
  out += "\r\n";
}

}  // namespace scepter::http::detail
