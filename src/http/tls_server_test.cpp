// The HTTPS listener beside the plain one: handshake, routing by transport, refused old
// protocols, bad identities and the drain of both listeners.

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>

#include "crypto/issue.hpp"
#include "http/server.hpp"
#include "http/test_time_limit.hpp"

namespace scepter::http {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using testing::becomes_true_within;
using testing::within_time_limit;
using namespace std::chrono_literals;

// A self-signed server certificate for "localhost", made once per test binary.
struct TestIdentity {
  TlsIdentity identity;
  std::string certificate_pem;
};

const TestIdentity& test_identity() {
  static const TestIdentity made = [] {
    auto key = crypto::PrivateKey::generate({crypto::KeyType::ec, 256}).value();
    auto now = std::chrono::system_clock::now();
    crypto::CertificateSpec spec{
        .subject = {{"CN", "localhost"}},
        .serial = Bytes(16, 0x42),
        .not_before = now - 1h,
        .not_after = now + 24h,
        .public_key = key.public_key(),
        .key_usage = crypto::digital_signature,
        .extended_key_usage = {"1.3.6.1.5.5.7.3.1"},
        .alt_names = {{crypto::SanType::dns, "localhost"}},
    };
    auto certificate = crypto::issue_certificate(spec, nullptr, key).value();
    return TestIdentity{{certificate.pem(), key.to_pem().value()}, certificate.pem()};
  }();
  return made;
}

using HttpResponse = bhttp::response<bhttp::string_body>;

// A blocking HTTPS client that trusts only the test certificate and checks the host name; each
// step gives up after kClientTimeLimit.
class TlsClient {
 public:
  TlsClient(std::uint16_t port, ssl::context::method method = ssl::context::tls_client)
      : context_(method), stream_(io_, context_) {
    context_.set_verify_mode(ssl::verify_peer);
    const auto& pem = test_identity().certificate_pem;
    context_.add_certificate_authority(asio::buffer(pem.data(), pem.size()));
    stream_.set_verify_callback(ssl::host_name_verification("localhost"));
    stream_.lowest_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }

  beast::error_code handshake() {
    auto ec = step([&](auto done) { stream_.async_handshake(ssl::stream_base::client, done); });
    handshaken_ = !ec;
    return ec;
  }

  HttpResponse get(std::string target) {
    if (!handshaken_) {
      if (auto ec = handshake()) throw std::runtime_error("handshake: " + ec.message());
    }
    bhttp::request<bhttp::empty_body> request(bhttp::verb::get, target, 11);
    request.set(bhttp::field::host, "localhost");
    if (auto ec = step([&](auto done) { bhttp::async_write(stream_, request, done); })) {
      throw std::runtime_error("request not sent: " + ec.message());
    }
    HttpResponse response;
    if (auto ec = step([&](auto done) { bhttp::async_read(stream_, buffer_, response, done); })) {
      throw std::runtime_error("no response: " + ec.message());
    }
    return response;
  }

 private:
  template <class Start>
  beast::error_code step(Start start) {
    return within_time_limit(io_, start, [this] { stream_.lowest_layer().cancel(); });
  }

  asio::io_context io_;
  ssl::context context_;
  ssl::stream<tcp::socket> stream_;
  beast::flat_buffer buffer_;
  bool handshaken_ = false;
};

HttpResponse plain_get(std::uint16_t port, std::string target) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  bhttp::request<bhttp::empty_body> request(bhttp::verb::get, target, 11);
  request.set(bhttp::field::host, "localhost");
  bhttp::write(socket, request);
  beast::flat_buffer buffer;
  HttpResponse response;
  auto ec = within_time_limit(
      io, [&](auto done) { bhttp::async_read(socket, buffer, response, done); },
      [&socket] { socket.cancel(); });
  if (ec) throw std::runtime_error("no response: " + ec.message());
  return response;
}

Router test_router() {
  Router router;
  auto echo = [](const Request& request) {
    return text_response(200, request.secure ? "secure" : "plain");
  };
  router.add("GET", "/scep", echo);
  router.add("GET", "/api", echo);
  router.require_tls("/api");
  return router;
}

class TlsServerTest : public ::testing::Test {
 protected:
  void start(std::chrono::seconds grace = 10s) {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.tls_listen = "127.0.0.1:0";
    options.tls = test_identity().identity;
    options.threads = 2;
    options.shutdown_grace = grace;
    server_ = std::make_unique<Server>(options, test_router());
    auto started = server_->start();
    ASSERT_TRUE(started) << started.error().client_text;
    ASSERT_NE(server_->tls_port(), 0);
    ASSERT_NE(server_->port(), 0);
    ASSERT_NE(server_->port(), server_->tls_port());
    runner_ = std::thread([this] {
      server_->run();
      run_returned_ = true;
    });
  }

  void TearDown() override {
    if (!server_) return;
    server_->stop();
    if (runner_.joinable()) runner_.join();
  }

  std::unique_ptr<Server> server_;
  std::thread runner_;
  std::atomic<bool> run_returned_{false};
};

TEST_F(TlsServerTest, BothListenersServeScepAndMarkTheTransport) {
  start();
  TlsClient client(server_->tls_port());
  auto secure = client.get("/scep/demo?operation=GetCACaps");
  EXPECT_EQ(secure.result_int(), 200);
  EXPECT_EQ(secure.body(), "secure");
  auto plain = plain_get(server_->port(), "/scep/demo?operation=GetCACaps");
  EXPECT_EQ(plain.result_int(), 200);
  EXPECT_EQ(plain.body(), "plain");
}

TEST_F(TlsServerTest, TlsOnlyPrefixIsRefusedOverPlainHttp) {
  start();
  EXPECT_EQ(TlsClient(server_->tls_port()).get("/api/v1/endpoints").body(), "secure");
  auto refused = plain_get(server_->port(), "/api/v1/endpoints");
  EXPECT_EQ(refused.result_int(), 403);
  EXPECT_EQ(refused.body(), "HTTPS required");
}

TEST_F(TlsServerTest, KeepAliveServesSeveralRequestsOnOneTlsConnection) {
  start();
  TlsClient client(server_->tls_port());
  EXPECT_EQ(client.get("/scep/a").body(), "secure");
  EXPECT_EQ(client.get("/api/x").body(), "secure");
}

TEST_F(TlsServerTest, ProtocolsOlderThanTls12AreRefused) {
  start();
  TlsClient old_client(server_->tls_port(), ssl::context::tlsv11_client);
  EXPECT_TRUE(old_client.handshake());
  // The listener keeps serving after the failed handshake.
  EXPECT_EQ(TlsClient(server_->tls_port()).get("/scep/demo").result_int(), 200);
}

TEST_F(TlsServerTest, PlainHttpOnTheTlsPortGetsNoAnswerAndTheServerKeepsServing) {
  start();
  EXPECT_THROW(plain_get(server_->tls_port(), "/scep/demo"), std::exception);
  EXPECT_EQ(TlsClient(server_->tls_port()).get("/scep/demo").result_int(), 200);
}

TEST_F(TlsServerTest, StopClosesBothListenersAndReturns) {
  start();
  TlsClient idle(server_->tls_port());
  ASSERT_EQ(idle.get("/scep/demo").result_int(), 200);
  auto stop_called = std::chrono::steady_clock::now();
  server_->stop();
  ASSERT_TRUE(becomes_true_within(run_returned_, 3s));
  runner_.join();
  EXPECT_LT(std::chrono::steady_clock::now() - stop_called, 3s);
}

TEST(TlsServerOptions, UnreadableIdentityIsInvalid) {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.tls_listen = "127.0.0.1:0";
  options.tls = {"not a certificate", test_identity().identity.private_key_pem};
  auto started = Server(options, Router{}).start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().category, ErrorCategory::invalid);
  EXPECT_EQ(started.error().field, "tls");
}

TEST(TlsServerOptions, KeyOfAnotherCertificateIsInvalid) {
  auto other = crypto::PrivateKey::generate({crypto::KeyType::ec, 256}).value();
  ServerOptions options;
  options.listen = "";
  options.tls_listen = "127.0.0.1:0";
  options.tls = {test_identity().identity.certificate_chain_pem, other.to_pem().value()};
  auto started = Server(options, Router{}).start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().field, "tls");
}

TEST(TlsServerOptions, NoListenerAtAllIsInvalid) {
  ServerOptions options;
  options.listen = "";
  auto started = Server(options, Router{}).start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().category, ErrorCategory::invalid);
}

}  // namespace
}  // namespace scepter::http
