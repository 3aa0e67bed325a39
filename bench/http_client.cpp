#include "bench/http_client.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

namespace scepter::bench {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

Url Url::parse(std::string_view text) {
  constexpr std::string_view scheme = "http://";
  if (!text.starts_with(scheme)) throw std::invalid_argument("URL must start with http://");
  text.remove_prefix(scheme.size());
  auto slash = text.find('/');
  auto authority = text.substr(0, slash);
  Url url;
  url.path = slash == std::string_view::npos ? "/" : std::string(text.substr(slash));
  auto colon = authority.rfind(':');
  if (colon == std::string_view::npos) {
    url.host = authority;
  } else {
    url.host = authority.substr(0, colon);
    url.port = static_cast<std::uint16_t>(std::stoi(std::string(authority.substr(colon + 1))));
  }
  if (url.host.empty()) throw std::invalid_argument("URL has no host");
  return url;
}

HttpConnection::~HttpConnection() {
  close();
}

void HttpConnection::close() {
  if (socket_ >= 0) ::close(socket_);
  socket_ = -1;
  buffer_.clear();
  server_closes_ = false;
}

void HttpConnection::connect() {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  auto port = std::to_string(url_.port);
  if (getaddrinfo(url_.host.c_str(), port.c_str(), &hints, &found) != 0 || found == nullptr) {
    throw std::runtime_error("cannot resolve " + url_.host);
  }
  int fd = ::socket(found->ai_family, found->ai_socktype, found->ai_protocol);
  bool connected = fd >= 0 && ::connect(fd, found->ai_addr, found->ai_addrlen) == 0;
  freeaddrinfo(found);
  if (!connected) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot connect to " + url_.host + ":" + port);
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  socket_ = fd;
}

void HttpConnection::send_all(const void* data, std::size_t size) {
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    auto sent = ::send(socket_, bytes, size, MSG_NOSIGNAL);
    if (sent <= 0) throw std::runtime_error("send failed");
    bytes += sent;
    size -= static_cast<std::size_t>(sent);
  }
}

std::size_t HttpConnection::receive_some() {
  char chunk[16384];
  auto received = ::recv(socket_, chunk, sizeof chunk, 0);
  if (received < 0) throw std::runtime_error("recv failed");
  buffer_.append(chunk, static_cast<std::size_t>(received));
  return static_cast<std::size_t>(received);
}

std::string HttpConnection::read_line() {
  for (;;) {
    auto end = buffer_.find("\r\n");
    if (end != std::string::npos) {
      auto line = buffer_.substr(0, end);
      buffer_.erase(0, end + 2);
      return line;
    }
    if (buffer_.size() > 65536) throw std::runtime_error("header line too long");
    if (receive_some() == 0) throw std::runtime_error("connection closed");
  }
}

void HttpConnection::read_exact(Bytes& into, std::size_t count) {
  while (buffer_.size() < count) {
    if (receive_some() == 0) throw std::runtime_error("connection closed mid-body");
  }
  into.insert(into.end(), buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(count));
  buffer_.erase(0, count);
}

void HttpConnection::read_chunked(Bytes& into) {
  for (;;) {
    auto size = std::stoul(read_line(), nullptr, 16);
    if (size == 0) break;
    read_exact(into, size);
    read_line();
  }
  while (!read_line().empty()) {
  }  // trailers
}

std::string HttpConnection::head(std::string_view method, std::string_view target_query) const {
  std::string text(method);
  text += ' ' + url_.path + '?';
  text += target_query;
  text += " HTTP/1.1\r\nHost: " + url_.host + ':' + std::to_string(url_.port) + "\r\n";
  return text;
}

HttpResponse HttpConnection::get(std::string_view target_query) {
  return exchange(head("GET", target_query) + "\r\n", {});
}

HttpResponse HttpConnection::post(std::string_view target_query, std::string_view content_type,
                                  ByteView body) {
  auto text = head("POST", target_query);
  text += "Content-Type: ";
  text += content_type;
  text += "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  return exchange(text, body);
}

HttpResponse HttpConnection::exchange(const std::string& head, ByteView body) {
  bool reused = socket_ >= 0;
  if (!reused) connect();
  try {
    return exchange_once(head, body);
  } catch (const std::runtime_error&) {
    close();
    if (!reused) throw;
  }
  connect();  // the server closed an idle kept-alive connection: one fresh attempt
  try {
    return exchange_once(head, body);
  } catch (...) {
    close();
    throw;
  }
}

HttpResponse HttpConnection::exchange_once(const std::string& head, ByteView body) {
  send_all(head.data(), head.size());
  if (!body.empty()) send_all(body.data(), body.size());

  HttpResponse response;
  auto status_line = read_line();
  if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12) {
    throw std::runtime_error("bad status line");
  }
  response.status = std::stoi(status_line.substr(9, 3));
  server_closes_ = status_line.starts_with("HTTP/1.0");
  std::optional<std::size_t> length;
  bool chunked = false;
  for (auto line = read_line(); !line.empty(); line = read_line()) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    auto name = lower(line.substr(0, colon));
    auto value = trim(std::string_view(line).substr(colon + 1));
    if (name == "content-length") length = std::stoul(std::string(value));
    if (name == "content-type") response.content_type = value;
    if (name == "transfer-encoding") chunked = lower(value).find("chunked") != std::string::npos;
    if (name == "connection") server_closes_ = lower(value) == "close";
  }
  if (chunked) {
    read_chunked(response.body);
  } else if (length) {
    read_exact(response.body, *length);
  } else {
    while (receive_some() > 0) {
    }
    response.body.assign(buffer_.begin(), buffer_.end());
    server_closes_ = true;
  }
  if (server_closes_) close();
  return response;
}

}  // namespace scepter::bench
