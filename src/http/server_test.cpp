#include "http/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/codec.hpp"
#include "http/fake_scep_service.hpp"
#include "http/scep_routes.hpp"
#include "http/test_time_limit.hpp"

namespace scepter::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
using namespace std::string_literals;
using testing::becomes_true_within;
using testing::FakeScepService;
using testing::within_time_limit;

using HttpResponse = bhttp::response<bhttp::string_body>;

const Bytes kPkiMessage = {0x30, 0x06, 0x00, 0xFB, 0xFF, 0xBF, 0x0D, 0x0A};

// A client on a raw socket, so tests can send exactly the bytes they mean; reads give up after
// kClientTimeLimit.
class Client {
 public:
  explicit Client(std::uint16_t port) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }

  void send(std::string_view bytes) { asio::write(socket_, asio::buffer(bytes)); }

  // `to_head`: the answer is to a HEAD request, whose head ends it.
  HttpResponse receive(bool to_head = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    parser.skip(to_head);
    auto ec = read([&](auto done) { bhttp::async_read(socket_, buffer_, parser, done); });
    if (ec) throw std::runtime_error("no response: " + ec.message());
    return parser.release();
  }

  HttpResponse exchange(std::string_view bytes) {
    send(bytes);
    return receive();
  }

  // True when the server closed the connection (end of stream) rather than leaving it open.
  bool closed_by_server() {
    char byte;
    auto ec = read([&](auto done) { socket_.async_read_some(asio::buffer(&byte, 1), done); });
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

 private:
  template <class Start>
  beast::error_code read(Start start) {
    return within_time_limit(io_, start, [this] { socket_.cancel(); });
  }

 private:
  asio::io_context io_;
  tcp::socket socket_{io_};
  beast::flat_buffer buffer_;
};

std::string get(std::string_view target, std::string_view extra_headers = "") {
  return std::string("GET ") + std::string(target) + " HTTP/1.1\r\nHost: scep.test\r\n" +
         std::string(extra_headers) + "\r\n";
}

std::string post(std::string_view target, std::string_view body,
                 std::string_view extra_headers = "") {
  return std::string("POST ") + std::string(target) + " HTTP/1.1\r\nHost: scep.test\r\n" +
         std::string(extra_headers) + "Content-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + std::string(body);
}

// Keeps handlers busy until the test releases them.
class Hold {
 public:
  void block() {
    std::unique_lock lock(mutex_);
    ++entered_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return released_; });
  }
  // False when fewer than `handlers` are blocked once `limit` has passed.
  bool wait_until_entered(int handlers = 1, std::chrono::milliseconds limit = 5s) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, limit, [&] { return entered_ >= handlers; });
  }
  void release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int entered_ = 0;
  bool released_ = false;
};

class ServerTest : public ::testing::Test {
 protected:
  // Two threads of each kind unless the test asks; `add_routes` may add routes beside SCEP's.
  void start(ServerOptions options = {}, const std::function<void(Router&)>& add_routes = {}) {
    options.listen = "127.0.0.1:0";
    if (options.threads == 0) options.threads = 2;
    Router router;
    add_scep_routes(router, service_);
    if (add_routes) add_routes(router);
    server_ = std::make_unique<Server>(options, std::move(router));
    auto started = server_->start();
    ASSERT_TRUE(started) << started.error().client_text;
    ASSERT_NE(server_->port(), 0);
    runner_ = std::thread([this] {
      server_->run();
      run_returned_ = true;
    });
  }

  void TearDown() override {
    held_.release();  // a test that failed early may have left a handler blocked
    if (!server_) return;
    server_->stop();
    if (runner_.joinable()) runner_.join();
  }

  // A client of a server with these limits, its connection kept alive after one exchange.
  std::unique_ptr<Client> kept_alive_client(std::chrono::seconds read_timeout,
                                            std::chrono::seconds keepalive_timeout) {
    ServerOptions options;
    options.read_timeout = read_timeout;
    options.keepalive_timeout = keepalive_timeout;
    start(options);
    auto client = std::make_unique<Client>(server_->port());
    EXPECT_EQ(client->exchange(get("/scep/demo?operation=GetCACaps")).result_int(), 200);
    return client;
  }

  // Whether run() returned within `limit` (stop() having been called); joins it when it did.
  bool run_returns_within(std::chrono::milliseconds limit) {
    if (!becomes_true_within(run_returned_, limit)) return false;
    runner_.join();
    return true;
  }

  FakeScepService service_;
  Hold held_;
  std::unique_ptr<Server> server_;
  std::thread runner_;
  std::atomic<bool> run_returned_{false};
};

TEST_F(ServerTest, GetCaCapsIsRoutedWithEndpointAndSubPath) {
  start();
  Client client(server_->port());
  for (auto target : {"/scep/demo/pkiclient.exe?operation=GetCACaps&message=CA",
                      "/scep/demo/cgi-bin/pkiclient.exe?operation=GetCACaps&message=CA"}) {
    auto response = client.exchange(get(target));
    EXPECT_EQ(response.result_int(), 200) << target;
    EXPECT_EQ(response[bhttp::field::content_type], "application/x-pki-message");
    EXPECT_EQ(response.body(), "reply");
  }
  auto requests = service_.requests();
  ASSERT_EQ(requests.size(), 2u);
  for (const auto& request : requests) {
    EXPECT_EQ(request.endpoint, "demo");
    EXPECT_EQ(request.operation, scep::Operation::get_ca_caps);
    EXPECT_EQ(request.message, "CA");
    EXPECT_EQ(request.client_address, "127.0.0.1");
  }
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-4.1
TEST_F(ServerTest, GetPkiOperationBase64EscapedOrNotDecodesTheSame) {
  start();
  Client client(server_->port());
  auto base64 = base64_encode(kPkiMessage);
  ASSERT_NE(base64.find('+'), std::string::npos);
  ASSERT_NE(base64.find('/'), std::string::npos);
  auto target = "/scep/demo/pkiclient.exe?operation=PKIOperation&message=";
  EXPECT_EQ(client.exchange(get(target + base64)).result_int(), 200);
  EXPECT_EQ(client.exchange(get(target + url_encode(base64))).result_int(), 200);
  auto requests = service_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].pki_message, kPkiMessage);
  EXPECT_EQ(requests[1].pki_message, kPkiMessage);
}

TEST_F(ServerTest, RealisticallyLongGetQueryFits) {
  start();
  Client client(server_->port());
  Bytes message(6000, 0xA5);
  message[0] = 0x30;
  auto target = "/scep/demo/pkiclient.exe?operation=PKIOperation&message=" +
                url_encode(base64_encode(message));
  ASSERT_GT(target.size(), 8000u);
  EXPECT_EQ(client.exchange(get(target)).result_int(), 200);
  ASSERT_EQ(service_.requests().size(), 1u);
  EXPECT_EQ(service_.requests()[0].pki_message, message);
}

TEST_F(ServerTest, PostBodyIsPassedThroughWhateverTheContentType) {
  start();
  Client client(server_->port());
  std::string body(as_chars(kPkiMessage));
  for (auto content_type : {"Content-Type: application/octet-stream\r\n",
                            "Content-Type: application/x-pki-message\r\n", ""}) {
    auto response = client.exchange(
        post("/scep/demo/pkiclient.exe?operation=PKIOperation", body, content_type));
    EXPECT_EQ(response.result_int(), 200) << content_type;
  }
  auto requests = service_.requests();
  ASSERT_EQ(requests.size(), 3u);
  for (const auto& request : requests) {
    EXPECT_EQ(request.operation, scep::Operation::pki_operation);
    EXPECT_EQ(request.pki_message, kPkiMessage);
  }
}

TEST_F(ServerTest, ExpectContinueGetsTheBodyRead) {
  start();
  Client client(server_->port());
  client.send(
      "POST /scep/demo?operation=PKIOperation HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
      "Content-Length: 8\r\n\r\n");
  auto interim = client.receive();
  EXPECT_EQ(interim.result_int(), 100);
  client.send(as_chars(kPkiMessage));
  EXPECT_EQ(client.receive().result_int(), 200);
  ASSERT_EQ(service_.requests().size(), 1u);
  EXPECT_EQ(service_.requests()[0].pki_message, kPkiMessage);
}

TEST_F(ServerTest, BodyOverLimitWithContentLengthIs413BeforeReadingIt) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  start(options);
  Client client(server_->port());
  auto response =
      client.exchange(post("/scep/demo?operation=PKIOperation", std::string(200 * 1024, '\x30')));
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(service_.requests().empty());
}

TEST_F(ServerTest, ChunkedBodyOverLimitIs413) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  start(options);
  Client client(server_->port());
  std::string request =
      "POST /scep/demo?operation=PKIOperation HTTP/1.1\r\nHost: x\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 8; ++i) request += "200\r\n" + std::string(512, '\x30') + "\r\n";
  request += "0\r\n\r\n";
  EXPECT_EQ(client.exchange(request).result_int(), 413);
  EXPECT_TRUE(service_.requests().empty());
}

TEST_F(ServerTest, ChunkedBodyWithinLimitIsReassembled) {
  start();
  Client client(server_->port());
  auto response = client.exchange(
      "POST /scep/demo?operation=PKIOperation HTTP/1.1\r\nHost: x\r\n"
      "Transfer-Encoding: chunked\r\n\r\n3\r\n\x30\x06\x00\r\n5\r\n\xFB\xFF\xBF\r\n\r\n0\r\n\r\n"s);
  EXPECT_EQ(response.result_int(), 200);
  ASSERT_EQ(service_.requests().size(), 1u);
  EXPECT_EQ(service_.requests()[0].pki_message, kPkiMessage);
}

TEST_F(ServerTest, BadBase64Is400) {
  start();
  Client client(server_->port());
  auto response = client.exchange(get("/scep/demo?operation=PKIOperation&message=%%%"));
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_EQ(response[bhttp::field::content_type], "text/plain");
  EXPECT_EQ(client.exchange(get("/scep/demo?operation=PKIOperation&message=ab*d")).result_int(),
            400);
}

TEST_F(ServerTest, UnknownOperationIs400) {
  start();
  Client client(server_->port());
  auto response = client.exchange(get("/scep/demo/pkiclient.exe?operation=Enroll"));
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_EQ(response.body(), "unknown operation");
}

TEST_F(ServerTest, UnknownEndpointAndUnknownPathAre404) {
  service_.answer_with([](const scep::Request&, scep::Outcome&) -> Result<scep::Response> {
    return fail(ErrorCategory::not_found, "unknown endpoint");
  });
  start();
  Client client(server_->port());
  auto response = client.exchange(get("/scep/nosuch/pkiclient.exe?operation=GetCACaps"));
  EXPECT_EQ(response.result_int(), 404);
  EXPECT_EQ(response.body(), "unknown endpoint");
  EXPECT_EQ(client.exchange(get("/other/path?operation=GetCACaps")).result_int(), 404);
  EXPECT_EQ(service_.requests().size(), 1u);
}

TEST_F(ServerTest, UnsupportedMethodIs405) {
  start();
  Client client(server_->port());
  auto response = client.exchange(
      "PUT /scep/demo?operation=PKIOperation HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n0\x00"s);
  EXPECT_EQ(response.result_int(), 405);
  EXPECT_EQ(response[bhttp::field::allow], "GET, POST");
  EXPECT_TRUE(service_.requests().empty());
}

//= https://www.rfc-editor.org/rfc/rfc9110#section-9.3.2
// The server MUST NOT send content in the response to HEAD: the next answer must follow the head.
TEST_F(ServerTest, HeadIsAnsweredWithoutABodyAndThePipelinedGetAfterItIsIntact) {
  start();
  Client client(server_->port());
  client.send("HEAD /scep/demo?operation=GetCACaps HTTP/1.1\r\nHost: x\r\n\r\n" +
              get("/scep/demo?operation=GetCACaps"));
  auto head = client.receive(/*to_head=*/true);
  EXPECT_EQ(head.result_int(), 405);
  EXPECT_EQ(head[bhttp::field::allow], "GET, POST");
  EXPECT_FALSE(head.has_content_length());
  auto after = client.receive();
  EXPECT_EQ(after.result_int(), 200);
  EXPECT_EQ(after.body(), "reply");
  EXPECT_EQ(service_.requests().size(), 1u);
}

//= https://www.rfc-editor.org/rfc/rfc9112#section-3.2.2
// A server MUST accept the absolute-form in requests.
TEST_F(ServerTest, AbsoluteFormTargetIsRoutedByItsPath) {
  start();
  Client client(server_->port());
  auto authority = "http://127.0.0.1:" + std::to_string(server_->port());
  auto response =
      client.exchange(get(authority + "/scep/demo/pkiclient.exe?operation=GetCACaps&message=CA"));
  EXPECT_EQ(response.result_int(), 200);
  ASSERT_EQ(service_.requests().size(), 1u);
  EXPECT_EQ(service_.requests()[0].endpoint, "demo");
  EXPECT_EQ(service_.requests()[0].message, "CA");
  for (auto target :
       {"ftp://scep.test/scep/demo?operation=GetCACaps",
        "http://user@scep.test/scep/demo?operation=GetCACaps", "scep/demo?operation=GetCACaps"}) {
    auto refused = client.exchange(get(target));
    EXPECT_EQ(refused.result_int(), 400) << target;
    EXPECT_EQ(refused.body(), "malformed request target") << target;
  }
  EXPECT_EQ(service_.requests().size(), 1u);
}

TEST_F(ServerTest, HeaderOverLimitIs431) {
  start();
  Client client(server_->port());
  auto huge = "X-Padding: " + std::string(20 * 1024, 'a') + "\r\n";
  auto response = client.exchange(get("/scep/demo?operation=GetCACaps", huge));
  EXPECT_EQ(response.result_int(), 431);
  EXPECT_TRUE(service_.requests().empty());
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  start();
  Client client(server_->port());
  auto first = client.exchange(get("/scep/demo?operation=GetCACaps"));
  EXPECT_TRUE(first.keep_alive());
  auto second = client.exchange(get("/scep/demo?operation=GetCACert"));
  EXPECT_EQ(first.result_int(), 200);
  EXPECT_EQ(second.result_int(), 200);
  EXPECT_EQ(service_.requests().size(), 2u);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  int calls = 0;
  service_.answer_with([&calls](const scep::Request& request, scep::Outcome&) {
    return Result<scep::Response>(
        scep::Response{"text/plain", to_bytes(request.message + std::to_string(++calls))});
  });
  start();
  Client client(server_->port());
  client.send(get("/scep/demo?operation=GetCACaps&message=a") +
              get("/scep/demo?operation=GetCACaps&message=b"));
  EXPECT_EQ(client.receive().body(), "a1");
  EXPECT_EQ(client.receive().body(), "b2");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  start();
  Client client(server_->port());
  auto response = client.exchange(get("/scep/demo?operation=GetCACaps", "Connection: close\r\n"));
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.closed_by_server());
}

// A client that polls a PENDING request reuses its connection after an idle spell longer than
// one read may take; it must find the connection open.
TEST_F(ServerTest, AKeptAliveConnectionWaitsForItsNextRequestBeyondTheReadTimeout) {
  auto client = kept_alive_client(1s, 4s);
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(client->exchange(get("/scep/demo?operation=GetCACaps")).result_int(), 200);
}

TEST_F(ServerTest, AKeptAliveConnectionIsClosedOnceTheKeepAliveLimitPasses) {
  // Taken before the exchange, so that it cannot be later than the server's start of waiting.
  auto idle_since = std::chrono::steady_clock::now();
  auto client = kept_alive_client(30s, 1s);
  EXPECT_TRUE(client->closed_by_server());
  EXPECT_GE(std::chrono::steady_clock::now() - idle_since, 1s);
}

// The keep-alive limit covers silence only: a header that starts and then trickles is held to
// the read timeout, as on a new connection.
TEST_F(ServerTest, AKeptAliveConnectionsNextHeaderHasTheReadTimeout) {
  auto client = kept_alive_client(1s, 30s);
  auto started = std::chrono::steady_clock::now();
  client->send("GET /scep/demo?operation=GetCACaps HTTP/1.1\r\n");
  EXPECT_TRUE(client->closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
}

TEST_F(ServerTest, AConnectionThatNeverSendsARequestIsClosedAfterTheReadTimeout) {
  ServerOptions options;
  options.read_timeout = 1s;
  options.keepalive_timeout = 60s;
  start(options);
  Client client(server_->port());
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, StopDrainsAnInFlightRequestAndClosesIdleConnections) {
  std::atomic<bool> handling{false};
  service_.answer_with([&handling](const scep::Request&, scep::Outcome&) {
    handling = true;
    std::this_thread::sleep_for(300ms);
    return Result<scep::Response>(scep::Response{"text/plain", to_bytes("slow")});
  });
  start();
  // Connections go round-robin to the two connection threads: `busy` lands on the first, which
  // carries out the drain and is held up by busy's request when stop() is called.
  Client idle(server_->port());
  Client kept_alive(server_->port());
  Client busy(server_->port());
  EXPECT_EQ(kept_alive.exchange(get("/scep/demo?operation=GetCACaps")).result_int(), 200);
  handling = false;
  busy.send(get("/scep/demo?operation=GetCACaps"));
  while (!handling) std::this_thread::sleep_for(5ms);

  auto stop_called = std::chrono::steady_clock::now();
  server_->stop();
  auto response = busy.receive();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "slow");
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(idle.closed_by_server());
  EXPECT_TRUE(kept_alive.closed_by_server());
  ASSERT_TRUE(run_returns_within(3s));
  EXPECT_LT(std::chrono::steady_clock::now() - stop_called, 3s);
  server_.reset();
}

// GET /held answers once released; it runs on the handler pool unless told otherwise.
void add_held_route(Router& router, Hold& hold, Execution execution = Execution::handler_pool) {
  router.add(
      "GET", "/held",
      [&hold](const Request&) {
        hold.block();
        return text_response(200, "released");
      },
      execution);
}

void add_echo_route(Router& router) {
  router.add("GET", "/echo", [](const Request& request) {
    if (request.query == "throw") throw std::runtime_error("handler bug");
    return text_response(200, request.query);
  });
}

// The port refuses new connections: stop() has closed the listener, so the drain has begun.
bool refuses_connections(std::uint16_t port) {
  for (auto deadline = std::chrono::steady_clock::now() + 5s;
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(10ms)) {
    asio::io_context io;
    tcp::socket socket(io);
    boost::system::error_code ec;
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    if (ec) return true;
  }
  return false;
}

// The answer's body, or a test failure (not an exception, so the test can still release a hold).
std::string body_or_failure(Client& client, std::string_view request) {
  try {
    return client.exchange(request).body();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "request held up: " << e.what();
    return {};
  }
}

TEST_F(ServerTest, ALongPoolHandlerDoesNotHoldUpScepOnTheSameConnectionThread) {
  ServerOptions options;
  options.threads = 1;  // one connection thread serves both clients
  start(options, [this](Router& router) { add_held_route(router, held_); });
  Client admin(server_->port());
  admin.send(get("/held"));
  ASSERT_TRUE(held_.wait_until_entered());

  Client scep(server_->port());
  auto scep_answer = body_or_failure(scep, get("/scep/demo?operation=GetCACaps"));
  held_.release();
  EXPECT_EQ(scep_answer, "reply");
  auto response = admin.receive();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "released");
  EXPECT_TRUE(response.keep_alive());
  EXPECT_EQ(admin.exchange(get("/scep/demo?operation=GetCACaps")).body(), "reply");
}

TEST_F(ServerTest, AnEnrollmentThatWaitsOnARemoteServiceDoesNotHoldUpOtherClients) {
  service_.waits_on_remote_for("intune");
  service_.answer_with([this](const scep::Request& request, scep::Outcome&) {
    if (request.endpoint == "intune") held_.block();
    return Result<scep::Response>(scep::Response{"text/plain", to_bytes("reply")});
  });
  ServerOptions options;
  options.threads = 1;
  start(options);
  Client intune(server_->port());
  intune.send(post("/scep/intune?operation=PKIOperation", std::string(as_chars(kPkiMessage))));
  ASSERT_TRUE(held_.wait_until_entered());

  Client other(server_->port());
  auto other_answer = body_or_failure(other, get("/scep/demo?operation=GetCACaps"));
  held_.release();
  EXPECT_EQ(other_answer, "reply");
  EXPECT_EQ(intune.receive().body(), "reply");
}

TEST_F(ServerTest, RemoteWaitsTakeTheirOwnThreadsAndNoOthers) {
  constexpr int kThreads = 3;
  ServerOptions options;
  options.threads = 1;
  options.remote_wait_threads = kThreads;
  start(options, [this](Router& router) {
    add_held_route(router, held_, Execution::remote_wait_pool);
    add_echo_route(router);
  });
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i <= kThreads; ++i) {
    clients.push_back(std::make_unique<Client>(server_->port()));
    clients.back()->send(get("/held"));
  }
  bool all_threads_waiting = held_.wait_until_entered(kThreads);
  bool one_more_entered = held_.wait_until_entered(kThreads + 1, 300ms);
  Client admin(server_->port());
  auto admin_answer = body_or_failure(admin, get("/echo?admin"));
  held_.release();
  EXPECT_TRUE(all_threads_waiting);
  EXPECT_FALSE(one_more_entered) << "more remote waits at once than remote_wait_threads";
  EXPECT_EQ(admin_answer, "admin") << "the handler pool was taken by remote waits";
  for (auto& client : clients) EXPECT_EQ(client->receive().body(), "released");
}

TEST_F(ServerTest, PipelinedRequestsForThePoolAreAnsweredInOrder) {
  start({}, add_echo_route);
  Client client(server_->port());
  client.send(get("/echo?first") + get("/scep/demo?operation=GetCACaps") + get("/echo?third"));
  EXPECT_EQ(client.receive().body(), "first");
  EXPECT_EQ(client.receive().body(), "reply");
  EXPECT_EQ(client.receive().body(), "third");
}

TEST_F(ServerTest, APoolHandlerThatThrowsIsA500AndTheConnectionServesOn) {
  start({}, add_echo_route);
  Client client(server_->port());
  auto response = client.exchange(get("/echo?throw"));
  EXPECT_EQ(response.result_int(), 500);
  EXPECT_EQ(response.body(), "internal error");
  EXPECT_EQ(client.exchange(get("/echo?after")).body(), "after");
}

TEST_F(ServerTest, StopLetsAPoolHandlerInFlightAnswer) {
  start({}, [this](Router& router) { add_held_route(router, held_); });
  Client busy(server_->port());
  busy.send(get("/held"));
  ASSERT_TRUE(held_.wait_until_entered());
  server_->stop();
  ASSERT_TRUE(refuses_connections(server_->port()));
  held_.release();
  auto response = busy.receive();
  EXPECT_EQ(response.body(), "released");
  EXPECT_FALSE(response.keep_alive());
  ASSERT_TRUE(run_returns_within(3s));
  server_.reset();
}

TEST_F(ServerTest, StopGivesUpOnRequestsThatOutlastTheGracePeriod) {
  ServerOptions options;
  options.shutdown_grace = 1s;
  start(options);
  Client stalled(server_->port());
  stalled.send("POST /scep/demo?operation=PKIOperation HTTP/1.1\r\nContent-Length: 10\r\n\r\n0");
  std::this_thread::sleep_for(100ms);
  auto stop_called = std::chrono::steady_clock::now();
  server_->stop();
  ASSERT_TRUE(run_returns_within(3s));
  auto waited = std::chrono::steady_clock::now() - stop_called;
  EXPECT_GE(waited, 900ms);
  server_.reset();
}

TEST_F(ServerTest, GarbageBytesGet400AndTheServerKeepsServing) {
  start();
  {
    Client client(server_->port());
    auto response =
        client.exchange("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 garbage\r\n\r\n"s);
    EXPECT_EQ(response.result_int(), 400);
  }
  {
    Client client(server_->port());
    EXPECT_EQ(client.exchange("GET /scep/demo HTTP/9.9\r\n\r\n").result_int(), 400);
  }
  {
    Client client(server_->port());
    EXPECT_EQ(client.exchange("POST /scep/demo HTTP/1.1\r\nContent-Length: x\r\n\r\n").result_int(),
              400);
  }
  Client client(server_->port());
  EXPECT_EQ(client.exchange(get("/scep/demo?operation=GetCACaps")).result_int(), 200);
}

TEST_F(ServerTest, HandlerExceptionBecomes500) {
  service_.answer_with([](const scep::Request& request, scep::Outcome&) -> Result<scep::Response> {
    if (request.message == "throw") throw std::runtime_error("engine bug");
    return scep::Response{"text/plain", to_bytes("fine")};
  });
  start();
  Client client(server_->port());
  auto response = client.exchange(get("/scep/demo?operation=GetCACaps&message=throw"));
  EXPECT_EQ(response.result_int(), 500);
  EXPECT_EQ(response.body(), "internal error");
  EXPECT_EQ(client.exchange(get("/scep/demo?operation=GetCACaps")).body(), "fine");
}

// A route whose errors are not text/plain (the admin API's are problem details) gets them in its
// own form also when the session answers: a body too large, a handler that threw.
TEST_F(ServerTest, ErrorsTheSessionAnswersTakeTheFormOfTheirRoute) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  start(options, [](Router& router) {
    router.add("POST", "/api",
               [](const Request&) -> Response { throw std::runtime_error("handler bug"); });
    router.set_error_form("/api", [](Response plain) {
      plain.content_type = "application/problem+json";
      plain.body = "{\"status\":" + std::to_string(plain.status) + "}";
      return plain;
    });
  });
  auto answer_to = [this](const std::string& request) {
    Client client(server_->port());
    return client.exchange(request);
  };
  auto failed = answer_to(post("/api/v1/x", "{}"));
  EXPECT_EQ(failed.result_int(), 500);
  EXPECT_EQ(failed[bhttp::field::content_type], "application/problem+json");
  EXPECT_EQ(failed.body(), "{\"status\":500}");
  auto too_large = answer_to(post("http://scep.test/api/v1/x", std::string(2048, 'a')));
  EXPECT_EQ(too_large.result_int(), 413);
  EXPECT_EQ(too_large[bhttp::field::content_type], "application/problem+json");
  EXPECT_EQ(too_large.body(), "{\"status\":413}");
  auto scep_too_large =
      answer_to(post("/scep/demo?operation=PKIOperation", std::string(2048, '0')));
  EXPECT_EQ(scep_too_large.result_int(), 413);
  EXPECT_EQ(scep_too_large[bhttp::field::content_type], "text/plain");
}

TEST(ServerStart, MalformedListenAddressIsInvalid) {
  for (auto listen : {"", "127.0.0.1", "127.0.0.1:", "127.0.0.1:99999", "127.0.0.1:80x",
                      "localhost:80", "::1:8080", "[::1]8080", "[::1:80", "300.0.0.1:80"}) {
    ServerOptions options;
    options.listen = listen;
    Server server(options, Router{});
    auto started = server.start();
    ASSERT_FALSE(started) << listen;
    EXPECT_EQ(started.error().category, ErrorCategory::invalid) << listen;
    EXPECT_EQ(started.error().field, "listen");
  }
}

TEST(ServerStart, Ipv6LoopbackIsAccepted) {
  ServerOptions options;
  options.listen = "[::1]:0";
  Server server(options, Router{});
  auto started = server.start();
  if (!started) GTEST_SKIP() << "no IPv6 loopback here: " << started.error().client_text;
  EXPECT_NE(server.port(), 0);
}

TEST(ServerStart, AddressInUseIsAClearError) {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  Server first(options, Router{});
  ASSERT_TRUE(first.start());
  options.listen = "127.0.0.1:" + std::to_string(first.port());
  Server second(options, Router{});
  auto started = second.start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().category, ErrorCategory::conflict);
  EXPECT_NE(started.error().client_text.find("already in use"), std::string::npos);
}

}  // namespace
}  // namespace scepter::http
