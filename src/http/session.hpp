#pragma once
// Internal to the server: one connection's request/response loop, plain or TLS, and the set of
// live connections that a drain walks. Included only by the Beast translation units.

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "http/router.hpp"
#include "http/server.hpp"

namespace boost::asio::ssl {
class context;
}

namespace scepter::http::detail {

// What the set needs of a session, whatever stream it runs on.
class DrainableSession {
 public:
  virtual ~DrainableSession() = default;
  // Closes the connection if it waits for a request; otherwise it closes after its answer.
  virtual void drain() = 0;
};

class SessionSet {
 public:
  explicit SessionSet(std::function<void()> on_drained) : on_drained_(std::move(on_drained)) {}

  void insert(const std::shared_ptr<DrainableSession>& session);
  void erase(const DrainableSession* session);
  // Every session, present or future, finishes the request it is on and closes; on_drained
  // runs once no session is left.
  void drain();
  // Makes draining() true at once: stop() calls it from any thread, while drain() runs on the
  // control thread, which may still be busy with a request of its own.
  void mark_draining() { draining_.store(true, std::memory_order_relaxed); }
  // Lets a session that is answering now say Connection: close before its drain call arrives.
  bool draining() const { return draining_.load(std::memory_order_relaxed); }
  // Stops calling on_drained: the server calls this before what on_drained uses goes away.
  void detach();

 private:
  void notify_if_drained(std::unique_lock<std::mutex>& lock);

  std::mutex mutex_;
  std::unordered_map<const DrainableSession*, std::weak_ptr<DrainableSession>> sessions_;
  std::function<void()> on_drained_;
  std::atomic<bool> draining_{false};
};

// Where the requests that do not run on their connection's thread go (see Execution).
struct PoolExecutors {
  boost::asio::thread_pool::executor_type handlers;
  boost::asio::thread_pool::executor_type remote_waits;
};

// Takes over an accepted socket bound to an I/O context that one thread runs. With `tls` the
// session handshakes first and its requests are marked secure.
void start_session(boost::asio::ip::tcp::socket socket, const Router& router,
                   const ServerOptions& options, SessionSet& sessions, PoolExecutors pools,
                   boost::asio::ssl::context* tls);

}  // namespace scepter::http::detail
