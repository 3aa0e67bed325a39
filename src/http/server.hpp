#pragma once
// The HTTP listener: a pool of threads running asynchronous keep-alive sessions that hand
// complete requests to a Router. Beast stays behind this header.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "http/router.hpp"

namespace scepter::http {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT or [IPv6]:PORT; port 0 picks a free one
  std::size_t max_body_bytes = 256 * 1024;
  // Covers the request line too: a PKIOperation sent by GET carries 4-8 KB of query.
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::seconds read_timeout{30};    // per read or write, also the keep-alive idle limit
  std::chrono::seconds shutdown_grace{10};  // how long stop() lets in-flight requests finish
  int threads = 0;                          // 0 = one per hardware core
};

class Server {
 public:
  Server(ServerOptions options, Router router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. `invalid` for a malformed listen address, `conflict` when it is in use.
  Status start();
  // The bound port (the real one when the options asked for port 0); 0 before start().
  std::uint16_t port() const;
  // Serves on the calling thread plus threads-1 more until stop() has drained.
  void run();
  // Thread-safe and idempotent, but not async-signal-safe: call it from a thread that waits for
  // signals. Stops accepting, closes idle connections, lets requests in flight finish within
  // shutdown_grace, then makes run() return.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace scepter::http
