#include "http/session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <exception>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/log.hpp"
#include "http/request_target.hpp"
#include "http/session_response.hpp"

namespace scepter::http::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// After an error answer the client may still be sending a body we refused; closing with unread
// input makes the kernel send a reset that can destroy the answer before the client reads it.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 1024 * 1024;
constexpr std::size_t kReadChunk = 16 * 1024;
// Beast reads no more than the buffer's spare capacity, and at least 512 bytes: without room
// reserved, a 4 KiB PKCSReq took eight reads, each with its own poll and timer update. 8 KiB holds
// a PKCSReq signed with RSA-4096 in one read, and is what each connection, idle or not, keeps.
constexpr std::size_t kReceiveBufferBytes = 8 * 1024;

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// The answer to a request that could not be read whole, or nothing when the peer is gone.
std::optional<Response> answer_to_read_error(const beast::error_code& ec) {
  if (ec == bhttp::error::header_limit) return text_response(431, "request header too large");
  if (ec == bhttp::error::body_limit) return text_response(413, "request body too large");
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
      ec == bhttp::error::short_read) {
    return std::nullopt;
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) {
    return text_response(400, "malformed HTTP request");
  }
  return std::nullopt;
}

// Nothing when the target is in no form this server accepts.
std::optional<Request> to_request(bhttp::request<bhttp::string_body>& message,
                                  const std::string& client) {
  auto target = parse_target(message.target());
  if (!target) return std::nullopt;
  Request request;
  request.method = message.method_string();
  request.path = target->path;
  request.query = target->query;
  request.body = std::move(message.body());
  request.client_address = client;
  request.authorization = message[bhttp::field::authorization];
  return request;
}

}  // namespace

template <class Stream>
class Session : public DrainableSession, public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kSecure = !std::is_same_v<Stream, beast::tcp_stream>;

  template <class... StreamArgs>
  Session(const Router& router, const ServerOptions& options, SessionSet& sessions,
          PoolExecutors pools, StreamArgs&&... stream_args)
      : stream_(std::forward<StreamArgs>(stream_args)...),
        router_(router),
        options_(options),
        sessions_(sessions),
        pools_(std::move(pools)) {
    beast::error_code ec;
    auto peer = tcp_layer().socket().remote_endpoint(ec);
    if (!ec) client_address_ = peer.address().to_string();
    buffer_.reserve(kReceiveBufferBytes);
  }
  ~Session() override { sessions_.erase(this); }

  void start() {
    sessions_.insert(this->shared_from_this());
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kSecure) {
        self->handshake();
      } else {
        self->read_header();
      }
    });
  }

  void drain() override {
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->on_drain(); });
  }

 private:
  beast::tcp_stream& tcp_layer() { return beast::get_lowest_layer(stream_); }

  void on_drain() {
    bool idle = awaiting_request_ && buffer_.size() == 0 && (!parser_ || !parser_->got_some());
    if (idle) tcp_layer().close();
  }

  void handshake() {
    tcp_layer().expires_after(options_.read_timeout);
    stream_.async_handshake(
        ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
          if (!ec) return self->read_header();
          // Scanners and clients that distrust our certificate end here; worth a debug line only.
          log::debug("tls handshake failed",
                     {{"client", self->client_address_}, {"error", ec.message()}});
        });
  }

  // A kept-alive connection may stay silent for the keep-alive limit; once its next request
  // begins, the header has the read timeout, like a first request's, so that a slow sender is
  // cut off as soon.
  void await_next_request() {
    if (buffer_.size() > 0) return read_header();  // pipelined: already here
    if (sessions_.draining()) return;
    parser_.reset();
    awaiting_request_ = true;
    tcp_layer().expires_after(options_.keepalive_timeout);
    stream_.async_read_some(
        buffer_.prepare(beast::read_size(buffer_, kReadChunk)),
        [self = this->shared_from_this()](beast::error_code ec, std::size_t bytes) {
          self->buffer_.commit(bytes);
          // Gone, or silent past the limit: there is nothing to answer.
          if (!ec) self->read_header();
        });
  }

  // A request already received is answered even while draining, with Connection: close.
  void read_header() {
    if (sessions_.draining() && buffer_.size() == 0) return;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
    parser_->body_limit(options_.max_body_bytes);
    awaiting_request_ = true;
    tcp_layer().expires_after(options_.read_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&Session::on_header, this->shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    awaiting_request_ = false;
    if (ec) return on_read_error(ec);
    // Most requests (every GET) end with their header: answering at once saves a read operation
    // that would only report the message complete.
    if (parser_->is_done()) return on_body({}, 0);
    auto expect = parser_->get()[bhttp::field::expect];
    if (!beast::iequals(expect, "100-continue")) return read_body();
    // Clients that ask (curl does for larger bodies) wait before sending the body otherwise.
    asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                      [self = this->shared_from_this()](beast::error_code write_ec, std::size_t) {
                        if (!write_ec) self->read_body();
                      });
  }

  void read_body() {
    tcp_layer().expires_after(options_.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::on_body, this->shared_from_this()));
  }

  void on_body(beast::error_code ec, std::size_t) {
    if (ec) return on_read_error(ec);
    auto message = parser_->release();
    Framing framing{.version = message.version(),
                    .keep_alive = message.keep_alive(),
                    .head = message.method() == bhttp::verb::head};
    auto request = to_request(message, client_address_);
    if (!request) return send(text_response(400, "malformed request target"), framing, true);
    request->secure = kSecure;
    auto match = router_.match(*request);
    switch (match.execution()) {
      case Execution::connection_thread:
        return send(handle(match, *request), framing, true);
      case Execution::handler_pool:
        return hand_over(pools_.handlers, std::move(match), std::move(*request), framing);
      case Execution::remote_wait_pool:
        return hand_over(pools_.remote_waits, std::move(match), std::move(*request), framing);
    }
  }

  // The pool thread touches neither the stream nor the parser: the answer comes back to this
  // connection's thread to be written. Should even that fail, the connection is dropped.
  void hand_over(asio::thread_pool::executor_type pool, Router::Match match, Request request,
                 Framing framing) {
    asio::post(pool, [self = this->shared_from_this(), executor = stream_.get_executor(),
                      match = std::move(match), request = std::move(request), framing]() mutable {
      try {
        auto response = self->handle(match, request);
        asio::post(executor, [self, response = std::move(response), framing]() mutable {
          self->send(std::move(response), framing, true);
        });
      } catch (const std::exception& e) {
        log::error("http answer lost", {{"path", request.path}, {"error", e.what()}});
      }
    });
  }

  void on_read_error(const beast::error_code& ec) {
    auto answer = answer_to_read_error(ec);
    if (answer) send(router_.error_answer(path_being_read(), std::move(*answer)), {}, false);
  }

  // Once its request line is read, a request's errors take the form of its route's.
  std::string_view path_being_read() const {
    auto target = parser_ ? parse_target(parser_->get().target()) : std::nullopt;
    return target ? target->path : std::string_view();
  }

  Response handle(const Router::Match& match, const Request& request) const {
    try {
      return match.run(request);
    } catch (const std::exception& e) {
      log::error("http handler failed", {{"path", request.path}, {"error", e.what()}});
    } catch (...) {
      log::error("http handler failed", {{"path", request.path}, {"error", "unknown exception"}});
    }
    return router_.error_answer(request.path, text_response(500, "internal error"));
  }

  void send(Response response, Framing framing, bool request_read_whole) {
    framing.keep_alive = framing.keep_alive && !sessions_.draining();
    keep_alive_ = framing.keep_alive;
    write_response_head(head_, response, framing);
    // One buffer: a TLS stream given the head and body as two buffers sent the head alone and
    // stalled on bodies beyond one record (16 KiB).
    if (sends_body(response, framing)) head_.append(response.body);
    tcp_layer().expires_after(options_.read_timeout);
    asio::async_write(stream_, asio::const_buffer(head_.data(), head_.size()),
                      beast::bind_front_handler(&Session::on_write, this->shared_from_this(),
                                                request_read_whole));
  }

  void on_write(bool request_read_whole, beast::error_code ec, std::size_t) {
    if (ec) return;
    if (keep_alive_) return await_next_request();
    if constexpr (kSecure) {
      close_tls();
    } else if (!request_read_whole) {
      linger();
    }
  }

  // close_notify tells the client the answer is complete; a peer that never answers it is cut
  // off by the timer.
  void close_tls() {
    tcp_layer().expires_after(kLingerTime);
    stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
  }

  void linger() {
    beast::error_code ignored;
    tcp_layer().socket().shutdown(tcp::socket::shutdown_send, ignored);
    tcp_layer().expires_after(kLingerTime);
    discard_input(0);
  }

  void discard_input(std::size_t discarded) {
    if (discarded > kLingerBytes) return;
    // Bytes land in the buffer's spare area and are never committed.
    stream_.async_read_some(
        buffer_.prepare(kReadChunk),
        [self = this->shared_from_this(), discarded](beast::error_code ec, std::size_t n) {
          if (!ec) self->discard_input(discarded + n);
        });
  }

  Stream stream_;
  const Router& router_;
  const ServerOptions& options_;
  SessionSet& sessions_;
  PoolExecutors pools_;
  std::string client_address_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string head_;         // the answer being written: status line and fields, then the body
  bool keep_alive_ = false;  // the answer being written keeps the connection open
  bool awaiting_request_ = false;  // a read for the next request is pending
};

void SessionSet::insert(const std::shared_ptr<DrainableSession>& session) {
  std::unique_lock lock(mutex_);
  sessions_.emplace(session.get(), session);
  bool drain_now = draining_;
  lock.unlock();
  if (drain_now) session->drain();
}

void SessionSet::erase(const DrainableSession* session) {
  std::unique_lock lock(mutex_);
  sessions_.erase(session);
  notify_if_drained(lock);
}

void SessionSet::drain() {
  std::vector<std::shared_ptr<DrainableSession>> live;
  std::unique_lock lock(mutex_);
  draining_ = true;
  for (const auto& [key, weak] : sessions_) {
    if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  lock.unlock();
  for (const auto& session : live) session->drain();
  lock.lock();
  notify_if_drained(lock);
}

void SessionSet::detach() {
  std::lock_guard lock(mutex_);
  on_drained_ = nullptr;
}

void SessionSet::notify_if_drained(std::unique_lock<std::mutex>& lock) {
  if (!draining_ || !sessions_.empty() || !on_drained_) return;
  auto notify = on_drained_;
  lock.unlock();
  notify();
}

void start_session(tcp::socket socket, const Router& router, const ServerOptions& options,
                   SessionSet& sessions, PoolExecutors pools, ssl::context* tls) {
  if (tls != nullptr) {
    std::make_shared<Session<TlsStream>>(router, options, sessions, std::move(pools),
                                         std::move(socket), *tls)
        ->start();
  } else {
    std::make_shared<Session<PlainStream>>(router, options, sessions, std::move(pools),
                                           std::move(socket))
        ->start();
  }
}

}  // namespace scepter::http::detail
