#include "http/request_target.hpp"

#include <gtest/gtest.h>

namespace scepter::http {
namespace {

std::string path_and_query(std::string_view target) {
  auto parsed = parse_target(target);
  if (!parsed) return "(none)";
  return std::string(parsed->path) + " | " + std::string(parsed->query);
}

TEST(RequestTarget, OriginFormSplitsAtTheFirstQuestionMark) {
  EXPECT_EQ(path_and_query("/scep/demo?operation=GetCACaps&a=?"),
            "/scep/demo | operation=GetCACaps&a=?");
  EXPECT_EQ(path_and_query("/scep/demo"), "/scep/demo | ");
  EXPECT_EQ(path_and_query("/?x"), "/ | x");
  EXPECT_EQ(path_and_query("*"), "* | ");
}

//= https://www.rfc-editor.org/rfc/rfc9112#section-3.2.2
// A server MUST accept the absolute-form in requests.
TEST(RequestTarget, AbsoluteFormLosesSchemeAndAuthority) {
  EXPECT_EQ(path_and_query("http://127.0.0.1:19281/scep/demo?operation=GetCACaps"),
            "/scep/demo | operation=GetCACaps");
  EXPECT_EQ(path_and_query("HTTPS://scep.example/api/v1/endpoints"), "/api/v1/endpoints | ");
  EXPECT_EQ(path_and_query("http://[::1]:8080/scep/x"), "/scep/x | ");
  EXPECT_EQ(path_and_query("http://scep.example"), "/ | ");
  EXPECT_EQ(path_and_query("http://scep.example?a=1"), "/ | a=1");
}

TEST(RequestTarget, OtherFormsSchemesAndUserInformationAreRefused) {
  for (auto target :
       {"", "scep/demo", "?operation=GetCACaps", "scep.example:443", "ftp://scep.example/scep/demo",
        "http://", "http:///scep/demo", "http://user:secret@scep.example/scep/demo",
        "http:/scep/demo", "mailto:someone@example.com"}) {
    EXPECT_FALSE(parse_target(target)) << target;
  }
}

}  // namespace
}  // namespace scepter::http
