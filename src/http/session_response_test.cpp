#include "http/session_response.hpp"

#include <gtest/gtest.h>

namespace scepter::http::detail {
namespace {

std::string head(const Response& response, Framing framing = {.keep_alive = true}) {
  std::string out = "left over from the previous answer";
  write_response_head(out, response, framing);
  return out;
}

TEST(ResponseHeadTest, KeepAliveHttp11NeedsNoConnectionField) {
  EXPECT_EQ(head({200, "text/plain", "POSTPKIOperation", {}}),
            "HTTP/1.1 200 OK\r\nServer: scepter\r\nContent-Type: text/plain\r\n"
            "Content-Length: 16\r\n\r\n");
}

TEST(ResponseHeadTest, ClosingHttp11SaysSo) {
  EXPECT_EQ(head({404, "text/plain", "not found", {}}, {.keep_alive = false}),
            "HTTP/1.1 404 Not Found\r\nServer: scepter\r\nContent-Type: text/plain\r\n"
            "Content-Length: 9\r\nConnection: close\r\n\r\n");
}

TEST(ResponseHeadTest, Http10KeepsAliveOnlyWhenToldTo) {
  EXPECT_EQ(head({200, "", "", {}}, {.version = 10, .keep_alive = true}),
            "HTTP/1.0 200 OK\r\nServer: scepter\r\nContent-Length: 0\r\n"
            "Connection: keep-alive\r\n\r\n");
  EXPECT_EQ(head({200, "", "", {}}, {.version = 10}),
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

//= https://www.rfc-editor.org/rfc/rfc9110#section-9.3.2
// A HEAD answer is a head alone, without the length of a body it does not send.
TEST(ResponseHeadTest, HeadAnswerHasNoBodyAndNoLength) {
  Response refused{405, "text/plain", "method not allowed", {{"Allow", "GET, POST"}}};
  Framing head_request{.keep_alive = true, .head = true};
  EXPECT_EQ(head(refused, head_request),
            "HTTP/1.1 405 Method Not Allowed\r\nServer: scepter\r\nContent-Type: text/plain\r\n"
            "Allow: GET, POST\r\n\r\n");
  EXPECT_FALSE(sends_body(refused, head_request));
  EXPECT_TRUE(sends_body(refused, {}));
  EXPECT_FALSE(sends_body({204, "", "", {}}, {}));
}

TEST(ResponseHeadTest, UnknownStatusStillHasAReason) {
  auto text = head({299, "", "", {}});
  EXPECT_TRUE(text.starts_with("HTTP/1.1 299 ")) << text;
  EXPECT_TRUE(text.ends_with("Content-Length: 0\r\n\r\n")) << text;
}

}  // namespace
}  // namespace scepter::http::detail
