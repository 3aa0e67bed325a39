#pragma once
// The HTTP and HTTPS listeners: connection threads running asynchronous keep-alive sessions that
// hand complete requests to one Router, and a pool of handler threads for the handlers that may
// run long (see Execution in router.hpp). Beast, Asio and the TLS library stay behind this header.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "http/router.hpp"

namespace scepter::http {

// What the HTTPS listener presents: PEM text, never paths, so that callers may keep the key in a
// vault. TLS 1.2 and 1.3 only, forward-secret AEAD cipher suites only.
struct TlsIdentity {
  std::string certificate_chain_pem;  // the server certificate first, then its issuers
  std::string private_key_pem;        // unencrypted PKCS#8 or traditional PEM
};

inline constexpr int kRemoteWaitThreadsPerCore = 8;

struct ServerOptions {
  // Plain HTTP: IPv4:PORT or [IPv6]:PORT; port 0 picks a free one; empty: no plain listener.
  std::string listen = "127.0.0.1:8080";
  // HTTPS, same syntax; empty (the default): no TLS listener. Needs `tls`.
  std::string tls_listen;
  TlsIdentity tls;
  std::size_t max_body_bytes = 256 * 1024;
  // Covers the request line too: a PKIOperation sent by GET carries 4-8 KB of query.
  std::size_t max_header_bytes = 16 * 1024;
  // For the TLS handshake, for a request's header, for its body, and for writing the answer:
  // each as a whole.
  std::chrono::seconds read_timeout{30};
  // How long a kept-alive connection may stay silent before its next request. Longer than the
  // 90 s a Go HTTP client (micromdm's scepclient, many MDMs) keeps an idle connection, so such a
  // client drops it first: a POST sent on a connection we close at that moment is lost, as Go
  // does not retry it. SCEP clients poll a PENDING request every 30 s or more.
  std::chrono::seconds keepalive_timeout{120};
  std::chrono::seconds shutdown_grace{10};  // how long stop() lets in-flight requests finish
  // Connection threads, each with its own event loop, and as many handler pool threads (see
  // Execution in router.hpp); 0 = one of each per core.
  int threads = 0;
  // The pool for requests that wait on another service. They wait far more than they compute,
  // so it is larger than the core count; 0 = kRemoteWaitThreadsPerCore per core.
  int remote_wait_threads = 0;
};

class Server {
 public:
  Server(ServerOptions options, Router router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens on every configured address. `invalid` for a malformed listen address, no
  // listener at all, or an unusable certificate or key; `conflict` when an address is in use.
  Status start();
  // The bound ports (the real ones when the options asked for port 0); 0 before start() or for
  // a listener that is not configured.
  std::uint16_t port() const;
  std::uint16_t tls_port() const;
  // Serves on the calling thread plus threads-1 more connection threads and the two pools until
  // stop() has drained. Every thread of the server is made here and inherits the caller's signal
  // mask. After the grace period, handlers still running on a pool are waited for (each is bounded
  // by its own timeouts: the database's, Intune's); requests queued for a pool and not started
  // are dropped with their connections.
  void run();
  // Thread-safe and idempotent, but not async-signal-safe: call it from a thread that waits for
  // signals. Stops accepting on both listeners, closes idle connections, lets requests in flight
  // finish within shutdown_grace, then makes run() return.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace scepter::http
