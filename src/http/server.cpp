#include "http/server.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <charconv>
#include <exception>
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

int pool_size(int requested) {
  if (requested > 0) return requested;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// One bound address: plain HTTP, or HTTPS when `tls` is set.
struct Listener {
  Listener(asio::io_context& io, std::string listen_address, asio::ssl::context* tls_context)
      : listen(std::move(listen_address)),
        tls(tls_context),
        acceptor(asio::make_strand(io)),
        accept_pause(acceptor.get_executor()) {}

  std::string_view scheme() const { return tls != nullptr ? "https" : "http"; }

  std::string listen;
  asio::ssl::context* tls;
  tcp::acceptor acceptor;  // used on its strand only, like accept_pause
  asio::steady_timer accept_pause;
  std::uint16_t port = 0;
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions server_options, Router server_router)
      : options(std::move(server_options)),
        router(std::move(server_router)),
        threads(pool_size(options.threads)),
        sessions([this] { io.stop(); }),
        io(threads),
        control(asio::make_strand(io)),
        grace_timer(control) {}

  // Pending handlers still hold sessions when the grace period ran out; they die with `io`,
  // after which nothing may call back into it.
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
                                 {"threads", std::to_string(threads)}});
    return {};
  }

  void accept_next(Listener& listener) {
    listener.acceptor.async_accept(
        asio::make_strand(io), [this, &listener](error_code ec, tcp::socket socket) {
          if (draining) return;
          if (!ec) {
            detail::start_session(std::move(socket), router, options, sessions, listener.tls);
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
      asio::post(listener->acceptor.get_executor(), [&closing = *listener] {
        error_code ignored;
        closing.acceptor.close(ignored);
        closing.accept_pause.cancel();
      });
    }
    log::info("http draining", {{"grace_seconds", std::to_string(options.shutdown_grace.count())}});
    grace_timer.expires_after(options.shutdown_grace);
    grace_timer.async_wait([this](error_code ec) {
      if (ec) return;
      log::warn("http drain grace period over, dropping open connections");
      io.stop();
    });
    sessions.drain();
  }

  // An exception escaping a handler costs that connection, never the worker thread.
  void work() {
    for (;;) {
      try {
        io.run();
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
  detail::SessionSet sessions;  // outlives `io`, whose pending handlers own sessions
  std::unique_ptr<asio::ssl::context> tls_context;
  asio::io_context io;
  asio::strand<asio::io_context::executor_type> control;  // runs begin_drain and the timer
  asio::steady_timer grace_timer;
  std::vector<std::unique_ptr<Listener>> listeners;
  std::atomic<bool> draining{false};
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
    impl.listeners.push_back(std::make_unique<Listener>(impl.io, options.listen, nullptr));
  }
  if (!options.tls_listen.empty()) {
    SCEPTER_TRY(impl.tls_context, detail::make_tls_context(options.tls));
    impl.listeners.push_back(
        std::make_unique<Listener>(impl.io, options.tls_listen, impl.tls_context.get()));
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
  std::vector<std::jthread> helpers;
  for (int i = 1; i < impl_->threads; ++i) helpers.emplace_back([this] { impl_->work(); });
  impl_->work();
}

void Server::stop() {
  asio::post(impl_->control, [impl = impl_.get()] { impl->begin_drain(); });
}

}  // namespace scepter::http
