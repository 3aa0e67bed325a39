#include "http/server.hpp"

#include <algorithm>
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

}  // namespace

struct Server::Impl {
  Impl(ServerOptions server_options, Router server_router)
      : options(std::move(server_options)),
        router(std::move(server_router)),
        threads(pool_size(options.threads)),
        sessions([this] { io.stop(); }),
        io(threads),
        acceptor(asio::make_strand(io)),
        accept_pause(acceptor.get_executor()),
        grace_timer(acceptor.get_executor()) {}

  // Pending handlers still hold sessions when the grace period ran out; they die with `io`,
  // after which nothing may call back into it.
  ~Impl() { sessions.detach(); }

  void accept_next() {
    acceptor.async_accept(asio::make_strand(io), [this](error_code ec, tcp::socket socket) {
      if (draining) return;
      if (!ec) {
        detail::start_session(std::move(socket), router, options, sessions);
        return accept_next();
      }
      // Out of descriptors and the like: retrying at once would spin on the same error.
      log::warn("http accept failed", {{"error", ec.message()}});
      accept_pause.expires_after(std::chrono::milliseconds(100));
      accept_pause.async_wait([this](error_code wait_ec) {
        if (!wait_ec && !draining) accept_next();
      });
    });
  }

  void begin_drain() {
    if (draining) return;
    draining = true;
    error_code ignored;
    acceptor.close(ignored);
    accept_pause.cancel();
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

  ServerOptions options;
  Router router;
  int threads;
  detail::SessionSet sessions;  // outlives `io`, whose pending handlers own sessions
  asio::io_context io;
  tcp::acceptor acceptor;  // used on its strand only, like the fields below
  asio::steady_timer accept_pause;
  asio::steady_timer grace_timer;
  bool draining = false;
  std::uint16_t port = 0;
};

Server::Server(ServerOptions options, Router router)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router))) {}

Server::~Server() = default;

Status Server::start() {
  SCEPTER_TRY(auto endpoint, parse_listen(impl_->options.listen));
  auto& acceptor = impl_->acceptor;
  const auto& listen = impl_->options.listen;
  error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (ec == asio::error::address_in_use) {
    return fail(ErrorCategory::conflict, "address " + listen + " is already in use");
  }
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) impl_->port = acceptor.local_endpoint(ec).port();
  if (ec) {
    error_code ignored;
    acceptor.close(ignored);
    return fail(ErrorCategory::unavailable, "cannot listen on " + listen + ": " + ec.message());
  }
  impl_->accept_next();
  log::info("http listening", {{"address", endpoint.address().to_string()},
                               {"port", std::to_string(impl_->port)},
                               {"threads", std::to_string(impl_->threads)}});
  return {};
}

std::uint16_t Server::port() const {
  return impl_->port;
}

void Server::run() {
  std::vector<std::jthread> helpers;
  for (int i = 1; i < impl_->threads; ++i) helpers.emplace_back([this] { impl_->work(); });
  impl_->work();
}

void Server::stop() {
  asio::post(impl_->acceptor.get_executor(), [impl = impl_.get()] { impl->begin_drain(); });
}

}  // namespace scepter::http
