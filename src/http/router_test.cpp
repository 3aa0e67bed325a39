#include "http/router.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace scepter::http
