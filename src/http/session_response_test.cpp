#include "http/session_response.hpp"

#include <gtest/gtest.h>

namespace scepter::http::detail {
namespace {

std::string head(const Response& response, unsigned version = 11, bool keep_alive = true) {
  std::string out = "left over from the previous answer";
  write_response_head(out, response, version, keep_alive);
  return out;
}

TEST(ResponseHeadTest, KeepAliveHttp11NeedsNoConnectionField) {
  EXPECT_EQ(head({200, "text/plain", "POSTPKIOperation", {}}),
            "HTTP/1.1 200 OK\r\nServer: scepter\r\nContent-Type: text/plain\r\n"
            "Content-Length: 16\r\n\r\n");
}

TEST(ResponseHeadTest, ClosingHttp11SaysSo) {
  EXPECT_EQ(head({404, "text/plain", "not found", {}}, 11, false),
            "HTTP/1.1 404 Not Found\r\nServer: scepter\r\nContent-Type: text/plain\r\n"
            "Content-Length: 9\r\nConnection: close\r\n\r\n");
}

TEST(ResponseHeadTest, Http10KeepsAliveOnlyWhenToldTo) {
  EXPECT_EQ(head({200, "", "", {}}, 10, true),
            "HTTP/1.0 200 OK\r\nServer: scepter\r\nContent-Length: 0\r\n"
            "Connection: keep-alive\r\n\r\n");
  EXPECT_EQ(head({200, "", "", {}}, 10, false),
            "HTTP/1.0 200 OK\r\nServer: scepter\r\nContent-Length: 0\r\n\r\n");
}

TEST(ResponseHeadTest, ExtraHeadersFollowContentType) {
  EXPECT_EQ(head({405, "text/plain", "method not allowed", {{"Allow", "GET, POST"}}}),
            "HTTP/1.1 405 Method Not Allowed\r\nServer: scepter\r\nContent-Type: text/plain\r\n"
            "Allow: GET, POST\r\nContent-Length: 18\r\n\r\n");
}

TEST(ResponseHeadTest, NoContentHasNoLength) {
  EXPECT_EQ(head({204, "", "", {}}), "HTTP/1.1 204 No Content\r\nServer: scepter\r\n\r\n");
}

TEST(ResponseHeadTest, UnknownStatusStillHasAReason) {
  auto text = head({299, "", "", {}});
  EXPECT_TRUE(text.starts_with("HTTP/1.1 299 ")) << text;
  EXPECT_TRUE(text.ends_with("Content-Length: 0\r\n\r\n")) << text;
}

}  // namespace
}  // namespace scepter::http::detail
