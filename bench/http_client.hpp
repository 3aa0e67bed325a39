#pragma once
// A small blocking HTTP/1.1 client over POSIX sockets: one keep-alive connection per load
// generator thread, enough for SCEP (GET with a query, POST with a body, Content-Length or
// chunked replies). Throws std::runtime_error on network and protocol errors.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.hpp"

namespace scepter::bench {

struct Url {
  std::string host;
  std::uint16_t port = 80;
  std::string path;  // without query

  // "http://host[:port]/path"; throws std::invalid_argument otherwise (no TLS).
  static Url parse(std::string_view text);
};

struct HttpResponse {
  int status = 0;
  std::string content_type;
  Bytes body;
};

class HttpConnection {
 public:
  explicit HttpConnection(Url url) : url_(std::move(url)) {}
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // `target_query` is appended to the URL's path after '?'. Reconnects once when a kept-alive
  // connection turns out to be closed by the server.
  HttpResponse get(std::string_view target_query);
  HttpResponse post(std::string_view target_query, std::string_view content_type, ByteView body);

 private:
  HttpResponse exchange(const std::string& head, ByteView body);
  HttpResponse exchange_once(const std::string& head, ByteView body);
  void connect();
  void close();
  void send_all(const void* data, std::size_t size);
  std::size_t receive_some();
  std::string read_line();
  void read_exact(Bytes& into, std::size_t count);
  void read_chunked(Bytes& into);
  std::string head(std::string_view method, std::string_view target_query) const;

  Url url_;
  int socket_ = -1;
  std::string buffer_;  // bytes received and not consumed yet
  bool server_closes_ = false;
};

}  // namespace scepter::bench
