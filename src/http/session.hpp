#pragma once
// Internal to the server: one connection's request/response loop, and the set of live
// connections that a drain walks. Included only by the two Beast translation units.

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "http/router.hpp"
#include "http/server.hpp"

namespace scepter::http::detail {

class Session;

class SessionSet {
 public:
  explicit SessionSet(std::function<void()> on_drained) : on_drained_(std::move(on_drained)) {}

  void insert(const std::shared_ptr<Session>& session);
  void erase(const Session* session);
  // Every session, present or future, finishes the request it is on and closes; on_drained
  // runs once no session is left.
  void drain();
  // Lets a session that is answering now say Connection: close before its drain call arrives.
  bool draining() const { return draining_.load(std::memory_order_relaxed); }
  // Stops calling on_drained: the server calls this before what on_drained uses goes away.
  void detach();

 private:
  void notify_if_drained(std::unique_lock<std::mutex>& lock);

  std::mutex mutex_;
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions_;
  std::function<void()> on_drained_;
  std::atomic<bool> draining_{false};
};

// Takes over an accepted socket bound to its own strand.
void start_session(boost::asio::ip::tcp::socket socket, const Router& router,
                   const ServerOptions& options, SessionSet& sessions);

}  // namespace scepter::http::detail
