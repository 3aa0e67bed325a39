#include "http/server.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <charconv>
#include <exception>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "core/log.hpp"
#include "http/session.hpp"
#include "http/tls_context.hpp"

namespace scepter::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

Result<tcp::endpoint> parse_listen(std::string_view listen) {
  auto invalid = [] {
    return std::unexpected(
        invalid_field("listen", "listen address must be IPv4:PORT or [IPv6]:PORT"));
  };
  std::string_view host;
  std::string_view port_text;
  if (listen.starts_with('[')) {
    auto close = listen.find("]:");
    if (close == std::string_view::npos) return invalid();
    host = listen.substr(1, close - 1);
    port_text = listen.substr(close + 2);
  } else {
    auto colon = listen.rfind(':');
    if (colon == std::string_view::npos) return invalid();
    host = listen.substr(0, colon);
    port_text = listen.substr(colon + 1);
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return invalid();
  }
  error_code address_error;
  auto address = asio::ip::make_address(std::string(host), address_error);
  if (address_error || (address.is_v6() && !listen.starts_with('['))) return invalid();
  return tcp::endpoint(address, static_cast<std::uint16_t>(port));
}

int core_count() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int count_or_per_core(int requested, int per_core) {
  return requested > 0 ? requested : per_core * core_count();
}

// Each connection thread runs an I/O context of its own, the way nginx runs one worker per core:
// a connection stays on its context, so its handlers need no strand and wake no other thread.
std::vector<std::unique_ptr<asio::io_context>> make_io_contexts(int count) {
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  for (int i = 0; i < count; ++i) {
    contexts.push_back(std::make_unique<asio::io_context>(/*concurrency_hint=*/1));
  }
  return contexts;
}

// One bound address: plain HTTP, or HTTPS when `tls` is set.
struct Listener {
  Listener(asio::io_context& io, std::string listen_address, asio::ssl::context* tls_context)
      : listen(std::move(listen_address)), tls(tls_context), acceptor(io), accept_pause(io) {}

  std::string_view scheme() const { return tls != nullptr ? "https" : "http"; }

  std::string listen;
  asio::ssl::context* tls;
  tcp::acceptor acceptor;  // used on the first I/O context's thread only, like accept_pause
  asio::steady_timer accept_pause;
  std::uint16_t port = 0;
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions server_options, Router server_router)
      : options(std::move(server_options)),
        router(std::move(server_router)),
        threads(count_or_per_core(options.threads, 1)),
        remote_wait_threads(
            count_or_per_core(options.remote_wait_threads, kRemoteWaitThreadsPerCore)),
        sessions([this] { stop_io(); }),
        io_contexts(make_io_contexts(threads)),
        control_context(*io_contexts.front()),
        grace_timer(control_context) {}

  // Pending handlers still hold sessions when the grace period ran out; they die with the pool
  // and the I/O contexts, after which nothing may call back into the set.
  ~Impl() { sessions.detach(); }

  Status open(Listener& listener) {
    SCEPTER_TRY(auto endpoint, parse_listen(listener.listen));
    auto& acceptor = listener.acceptor;
    error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (ec == asio::error::address_in_use) {
      return fail(ErrorCategory::conflict, "address " + listener.listen + " is already in use");
    }
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (!ec) listener.port = acceptor.local_endpoint(ec).port();
    if (ec) {
      error_code ignored;
      acceptor.close(ignored);
      return fail(ErrorCategory::unavailable,
                  "cannot listen on " + listener.listen + ": " + ec.message());
    }
    log::info("http listening", {{"scheme", std::string(listener.scheme())},
                                 {"address", endpoint.address().to_string()},
                                 {"port", std::to_string(listener.port)},
                                 {"threads", std::to_string(threads)},
                                 {"remote_wait_threads", std::to_string(remote_wait_threads)}});
    return {};
  }

  void accept_next(Listener& listener) {
    listener.acceptor.async_accept(
        next_io_context(), [this, &listener](error_code ec, tcp::socket socket) {
          if (draining) return;
          if (!ec) {
            detail::start_session(std::move(socket), router, options, sessions,
                                  {handler_pool->get_executor(), remote_wait_pool->get_executor()},
                                  listener.tls);
            return accept_next(listener);
          }
          // Out of descriptors and the like: retrying at once would spin on the same error.
          log::warn("http accept failed", {{"error", ec.message()}});
          listener.accept_pause.expires_after(std::chrono::milliseconds(100));
          listener.accept_pause.async_wait([this, &listener](error_code wait_ec) {
            if (!wait_ec && !draining) accept_next(listener);
          });
        });
  }

  void begin_drain() {
    if (draining.exchange(true)) return;
    for (auto& listener : listeners) {
      error_code ignored;
      listener->acceptor.close(ignored);
      listener->accept_pause.cancel();
    }
    log::info("http draining", {{"grace_seconds", std::to_string(options.shutdown_grace.count())}});
    grace_timer.expires_after(options.shutdown_grace);
    grace_timer.async_wait([this](error_code ec) {
      if (ec) return;
      log::warn("http drain grace period over, dropping open connections");
      stop_io();
    });
    sessions.drain();
  }

  asio::io_context::executor_type next_io_context() {
    auto& context = *io_contexts[next_io % io_contexts.size()];
    ++next_io;
    return context.get_executor();
  }

  void stop_io() {
    for (auto& context : io_contexts) context->stop();
  }

  // An exception escaping a handler costs that connection, never the thread. The guard keeps a
  // context without connections running until stop_io().
  static void work(asio::io_context& context) {
    auto guard = asio::make_work_guard(context);
    for (;;) {
      try {
        context.run();
        return;
      } catch (const std::exception& e) {
        log::error("http worker caught an exception", {{"error", e.what()}});
      } catch (...) {
        log::error("http worker caught an exception", {{"error", "unknown"}});
      }
    }
  }

  std::uint16_t port_of(bool secure) const {
    for (const auto& listener : listeners) {
      if ((listener->tls != nullptr) == secure) return listener->port;
    }
    return 0;
  }

  ServerOptions options;
  Router router;
  int threads;
  int remote_wait_threads;
  detail::SessionSet sessions;  // outlives the contexts and the pool, whose handlers own sessions
  std::unique_ptr<asio::ssl::context> tls_context;
  std::vector<std::unique_ptr<asio::io_context>> io_contexts;
  asio::io_context& control_context;  // the first: accepts, drains, runs the grace timer
  std::size_t next_io = 0;
  asio::steady_timer grace_timer;
  std::vector<std::unique_ptr<Listener>> listeners;
  std::atomic<bool> draining{false};
  // Made by run(), so that their threads inherit the caller's signal mask. Last, so that they
  // are destroyed first: their queued handlers hold sessions on the contexts.
  std::optional<asio::thread_pool> handler_pool;
  std::optional<asio::thread_pool> remote_wait_pool;
};

Server::Server(ServerOptions options, Router router)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router))) {}

Server::~Server() = default;

Status Server::start() {
  auto& impl = *impl_;
  const auto& options = impl.options;
  if (options.listen.empty() && options.tls_listen.empty()) {
    return fail(invalid_field("listen", "neither an HTTP nor an HTTPS listen address is set"));
  }
  if (!options.listen.empty()) {
    impl.listeners.push_back(
        std::make_unique<Listener>(impl.control_context, options.listen, nullptr));
  }
  if (!options.tls_listen.empty()) {
    SCEPTER_TRY(impl.tls_context, detail::make_tls_context(options.tls));
    impl.listeners.push_back(std::make_unique<Listener>(impl.control_context, options.tls_listen,
                                                        impl.tls_context.get()));
  }
  for (auto& listener : impl.listeners) {
    if (auto opened = impl.open(*listener); !opened) {
      impl.listeners.clear();
      return opened;
    }
  }
  for (auto& listener : impl.listeners) impl.accept_next(*listener);
  return {};
}

std::uint16_t Server::port() const {
  return impl_->port_of(false);
}

std::uint16_t Server::tls_port() const {
  return impl_->port_of(true);
}

void Server::run() {
  auto& impl = *impl_;
  impl.handler_pool.emplace(static_cast<std::size_t>(impl.threads));
  impl.remote_wait_pool.emplace(static_cast<std::size_t>(impl.remote_wait_threads));
  {
    std::vector<std::jthread> helpers;
    for (std::size_t i = 1; i < impl.io_contexts.size(); ++i) {
      helpers.emplace_back([context = impl.io_contexts[i].get()] { Impl::work(*context); });
    }
    Impl::work(impl.control_context);
  }
  // Handlers still running finish their transaction; their answers go nowhere.
  for (auto* pool : {&*impl.handler_pool, &*impl.remote_wait_pool}) {
    pool->stop();
    pool->join();
  }
}

void Server::stop() {
  impl_->sessions.mark_draining();
  asio::post(impl_->control_context, [impl = impl_.get()] { impl->begin_drain(); });
}

}  // namespace scepter::http
