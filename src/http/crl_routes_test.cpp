#include "http/crl_routes.hpp"

#include <gtest/gtest.h>

namespace scepter::http {
namespace {

Response get(const Router& router, std::string path) {
  return router.dispatch({.method = "GET", .path = std::move(path)});
}

TEST(CrlRoutes, ServesTheNamedCaAndRejectsBadPaths) {
  Router router;
  std::vector<long long> asked;
  add_crl_routes(router, [&](long long id) -> Result<Bytes> {
    asked.push_back(id);
    if (id == 7) return Bytes{0x30, 0x03, 0x02, 0x01, 0x07};
    if (id == 8) return fail(ErrorCategory::store, "db down", "detail");
    return fail(ErrorCategory::not_found, "no such CA");
  });
  auto ok = get(router, "/crl/7.crl");
  EXPECT_EQ(ok.status, 200u);
  EXPECT_EQ(ok.content_type, "application/pkix-crl");
  EXPECT_EQ(ok.body, std::string("\x30\x03\x02\x01\x07", 5));
  EXPECT_EQ(get(router, "/crl/9.crl").status, 404u);
  EXPECT_EQ(get(router, "/crl/8.crl").status, 500u);
  for (auto bad : {"/crl/", "/crl/x.crl", "/crl/7", "/crl/-1.crl", "/crl/0.crl", "/crl/7.crl.crl",
                   "/crl/99999999999999999999.crl"}) {
    EXPECT_EQ(get(router, bad).status, 404u) << bad;
  }
  EXPECT_EQ(asked, (std::vector<long long>{7, 9, 8}));
}

}  // namespace
}  // namespace scepter::http
