#include "http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace scepter::http {
namespace {

Handler answering(std::string body) {
  return [body](const Request&) { return text_response(200, body); };
}

Request request(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

TEST(Router, PrefixCoversItselfAndWhatIsBelowIt) {
  Router router;
  router.add("GET", "/scep", answering("scep"));
  EXPECT_EQ(router.dispatch(request("GET", "/scep")).body, "scep");
  EXPECT_EQ(router.dispatch(request("GET", "/scep/demo/pkiclient.exe")).body, "scep");
  EXPECT_EQ(router.dispatch(request("GET", "/scepter")).status, 404u);
  EXPECT_EQ(router.dispatch(request("GET", "/")).status, 404u);
  EXPECT_EQ(router.dispatch(request("GET", "")).status, 404u);
}

TEST(Router, LongestPrefixWins) {
  Router router;
  router.add("GET", "/api", answering("api"));
  router.add("GET", "/api/v1/certificates", answering("certificates"));
  EXPECT_EQ(router.dispatch(request("GET", "/api/v1/certificates/12")).body, "certificates");
  EXPECT_EQ(router.dispatch(request("GET", "/api/v1/accounts")).body, "api");
}

TEST(Router, PrefixWithTrailingSlashMatchesBelowOnly) {
  Router router;
  router.add("GET", "/console/", answering("console"));
  EXPECT_EQ(router.dispatch(request("GET", "/console/app.js")).body, "console");
  EXPECT_EQ(router.dispatch(request("GET", "/console")).status, 404u);
}

TEST(Router, KnownPathWithOtherMethodIs405WithAllow) {
  Router router;
  router.add("GET", "/scep", answering("get"));
  router.add("POST", "/scep", answering("post"));
  router.add("GET", "/scep/x", answering("get x"));
  auto response = router.dispatch(request("PUT", "/scep/x/y"));
  EXPECT_EQ(response.status, 405u);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].name, "Allow");
  EXPECT_EQ(response.headers[0].value, "GET, POST");
  EXPECT_EQ(router.dispatch(request("POST", "/scep/x/y")).body, "post");
}

TEST(Router, MethodIsCaseSensitive) {
  Router router;
  router.add("GET", "/scep", answering("get"));
  EXPECT_EQ(router.dispatch(request("get", "/scep")).status, 405u);
}

TEST(Router, HandlersRunOnThePoolUnlessTheirRouteSaysOtherwise) {
  Router router;
  router.add("GET", "/api", answering("api"));
  router.add("GET", "/scep", answering("scep"), Execution::connection_thread);
  EXPECT_EQ(router.match(request("GET", "/api/v1/x")).execution(), Execution::handler_pool);
  EXPECT_EQ(router.match(request("GET", "/scep/demo")).execution(), Execution::connection_thread);
  EXPECT_EQ(router.match(request("GET", "/scep/demo")).run(request("GET", "/scep")).body, "scep");
  router.add("POST", "/scep", answering("post"), [](const Request& r) {
    return r.query == "slow" ? Execution::handler_pool : Execution::connection_thread;
  });
  auto slow = request("POST", "/scep");
  slow.query = "slow";
  EXPECT_EQ(router.match(slow).execution(), Execution::handler_pool);
  EXPECT_EQ(router.match(request("POST", "/scep")).execution(), Execution::connection_thread);
  // The router's own refusals are ready-made and never wait for the pool.
  auto not_found = request("GET", "/nowhere");
  auto wrong_method = request("PUT", "/api");
  EXPECT_EQ(router.match(not_found).execution(), Execution::connection_thread);
  EXPECT_EQ(router.match(not_found).run(not_found).status, 404u);
  EXPECT_EQ(router.match(wrong_method).execution(), Execution::connection_thread);
  EXPECT_EQ(router.match(wrong_method).run(wrong_method).status, 405u);
}

TEST(Router, AChoiceOfExecutionThatThrowsSendsTheRequestToThePool) {
  Router router;
  router.add("GET", "/scep", answering("scep"), [](const Request&) -> Execution {
    throw std::runtime_error("endpoint cache unavailable");
  });
  EXPECT_EQ(router.match(request("GET", "/scep")).execution(), Execution::handler_pool);
}

Request over(bool secure, std::string path, std::string client = "192.0.2.7") {
  auto r = request("GET", std::move(path));
  r.secure = secure;
  r.client_address = std::move(client);
  return r;
}

TEST(RouterTransport, TlsPrefixAnswersOverTlsOnly) {
  Router router;
  router.add("GET", "/api", answering("api"));
  router.add("GET", "/scep", answering("scep"));
  router.require_tls("/api");
  EXPECT_EQ(router.dispatch(over(true, "/api/v1/endpoints")).body, "api");
  auto refused = router.dispatch(over(false, "/api/v1/endpoints"));
  EXPECT_EQ(refused.status, 403u);
  EXPECT_EQ(refused.body, "HTTPS required");
  // Also where no route exists yet, so that plain HTTP learns nothing about what is there.
  EXPECT_EQ(router.dispatch(over(false, "/api")).status, 403u);
  EXPECT_EQ(router.dispatch(over(false, "/scep/demo")).body, "scep");
  EXPECT_EQ(router.dispatch(over(false, "/apix")).status, 404u);
}

TEST(RouterTransport, PlainLoopbackOnlyWhenAllowed) {
  Router router;
  router.add("GET", "/api", answering("api"));
  router.require_tls("/api");
  EXPECT_EQ(router.dispatch(over(false, "/api", "127.0.0.1")).status, 403u);
  router.allow_plain_loopback(true);
  EXPECT_EQ(router.dispatch(over(false, "/api", "127.0.0.1")).body, "api");
  EXPECT_EQ(router.dispatch(over(false, "/api", "::1")).body, "api");
  EXPECT_EQ(router.dispatch(over(false, "/api", "192.0.2.7")).status, 403u);
  EXPECT_EQ(router.dispatch(over(false, "/api", "")).status, 403u);
}

TEST(Router, OwnRefusalsTakeTheErrorFormOfTheirPrefix) {
  Router router;
  router.add("GET", "/api", answering("api"));
  router.add("GET", "/scep", answering("scep"));
  router.require_tls("/api");
  router.set_error_form("/api", [](Response plain) {
    plain.content_type = "application/problem+json";
    plain.body = "{\"was\":\"" + plain.body + "\"}";
    return plain;
  });

  auto post = [](std::string path) {
    auto r = over(true, std::move(path));
    r.method = "POST";
    return r;
  };
  auto not_allowed = router.dispatch(post("/api/v1"));
  EXPECT_EQ(not_allowed.status, 405u);
  EXPECT_EQ(not_allowed.content_type, "application/problem+json");
  EXPECT_EQ(not_allowed.body, R"({"was":"method not allowed"})");
  ASSERT_EQ(not_allowed.headers.size(), 1u);
  EXPECT_EQ(not_allowed.headers[0].name, "Allow");
  EXPECT_EQ(not_allowed.headers[0].value, "GET");
  auto plain_http = router.dispatch(over(false, "/api/v1"));
  EXPECT_EQ(plain_http.status, 403u);
  EXPECT_EQ(plain_http.body, R"({"was":"HTTPS required"})");

  // A form for /api says nothing about the router's answers elsewhere.
  auto scep_method = router.dispatch(post("/scep/demo"));
  EXPECT_EQ(scep_method.status, 405u);
  EXPECT_EQ(scep_method.content_type, "text/plain");
  EXPECT_EQ(scep_method.body, "method not allowed");
  auto unknown = router.dispatch(over(true, "/apix"));
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(unknown.content_type, "text/plain");
}

TEST(Router, OwnNotFoundTakesTheErrorForm) {
  Router router;
  router.add("GET", "/api/v1", answering("api"));
  router.set_error_form("/api", [](Response plain) {
    plain.content_type = "application/problem+json";
    return plain;
  });
  auto missing = router.dispatch(request("GET", "/api/v2"));
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(missing.content_type, "application/problem+json");
  EXPECT_EQ(router.dispatch(request("GET", "/other")).content_type, "text/plain");
}

TEST(RouterTransport, LoopbackAddresses) {
  EXPECT_TRUE(is_loopback_address("127.0.0.1"));
  EXPECT_TRUE(is_loopback_address("127.8.9.10"));
  EXPECT_TRUE(is_loopback_address("::1"));
  EXPECT_TRUE(is_loopback_address("::ffff:127.0.0.1"));
  EXPECT_FALSE(is_loopback_address("10.127.0.1"));
  EXPECT_FALSE(is_loopback_address("::2"));
  EXPECT_FALSE(is_loopback_address("::ffff:10.0.0.1"));
  EXPECT_FALSE(is_loopback_address(""));
}

}  // namespace
}  // namespace scepter::http
