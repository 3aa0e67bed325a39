#pragma once
// The HTTP request and response as handlers see them: plain values, free of Beast, so that route
// code and its tests compile without the transport.

#include <string>
#include <utility>
#include <vector>

namespace scepter::http {

struct Request {
  std::string method;  // as sent: "GET", "POST", ...
  std::string path;    // the target up to '?', still percent-encoded
  std::string query;   // the target after '?', still percent-encoded
  std::string body;
  std::string client_address;  // the peer's IP address
  bool secure = false;         // arrived over TLS (the HTTPS listener)
  std::string authorization;   // the Authorization header ("Bearer ..."), empty when absent
};

struct Header {
  std::string name;
  std::string value;
};

struct Response {
  unsigned status = 200;
  std::string content_type;
  std::string body;
  std::vector<Header> headers;  // beyond Content-Type, Content-Length and Connection
};

// A short text/plain answer, the shape of every error this server sends on its own.
inline Response text_response(unsigned status, std::string body) {
  return Response{status, "text/plain", std::move(body), {}};
}

}  // namespace scepter::http
