#include "http/console_routes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>

namespace scepter::http {
namespace {

Request get(std::string path, bool secure = true) {
  Request request;
  request.method = "GET";
  request.path = std::move(path);
  request.secure = secure;
  request.client_address = "192.0.2.7";
  return request;
}

const std::string* header(const Response& response, std::string_view name) {
  for (const auto& h : response.headers) {
    if (h.name == name) return &h.value;
  }
  return nullptr;
}

constexpr ConsoleAsset kFakeAssets[] = {
    {"index.html", "<!doctype html><title>t</title>"},
    {"js/app.js", "export {};"},
    {"console.css", "body{}"},
};

Router fake_console() {
  Router router;
  add_console_routes(router, {.public_base_url = [] { return std::string("http://scep.example"); },
                              .assets = kFakeAssets});
  return router;
}

TEST(ConsoleRoutes, ServesIndexAtTheRootWithItsType) {
  const auto router = fake_console();
  const auto response = router.dispatch(get("/console/"));
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(response.body, "<!doctype html><title>t</title>");
}

TEST(ConsoleRoutes, RedirectsTheBarePrefixToTheSlashedOne) {
  const auto response = fake_console().dispatch(get("/console"));
  EXPECT_EQ(response.status, 302u);
  ASSERT_NE(header(response, "Location"), nullptr);
  EXPECT_EQ(*header(response, "Location"), "/console/");
}

TEST(ConsoleRoutes, ServesNestedAssetsWithTheirTypes) {
  const auto router = fake_console();
  const auto script = router.dispatch(get("/console/js/app.js"));
  EXPECT_EQ(script.status, 200u);
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(script.body, "export {};");
  EXPECT_EQ(router.dispatch(get("/console/console.css")).content_type, "text/css; charset=utf-8");
}

TEST(ConsoleRoutes, EveryAnswerForbidsForeignCodeAndFraming) {
  const auto response = fake_console().dispatch(get("/console/"));
  const auto* policy = header(response, "Content-Security-Policy");
  ASSERT_NE(policy, nullptr);
  EXPECT_NE(policy->find("script-src 'self'"), std::string::npos);
  EXPECT_NE(policy->find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(policy->find("unsafe-inline"), std::string::npos);
  ASSERT_NE(header(response, "X-Content-Type-Options"), nullptr);
  EXPECT_EQ(*header(response, "X-Content-Type-Options"), "nosniff");
}

TEST(ConsoleRoutes, UnknownAndTraversingPathsAreNotFound) {
  const auto router = fake_console();
  for (const auto* path :
       {"/console/missing.js", "/console/../index.html", "/console/js/",
        "/console/%2e%2e/etc/passwd", "/console/js/../index.html", "/console//index.html"}) {
    EXPECT_EQ(router.dispatch(get(path)).status, 404u) << path;
  }
  // A sibling of the prefix is not the console.
  EXPECT_EQ(router.dispatch(get("/consolex")).status, 404u);
}

TEST(ConsoleRoutes, SettingsTellThePublicBaseUrl) {
  const auto response = fake_console().dispatch(get("/console/settings.json"));
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.body, R"({"public_base_url":"http://scep.example"})");
}

TEST(ConsoleRoutes, OnlyGetIsServed) {
  auto request = get("/console/");
  request.method = "POST";
  EXPECT_EQ(fake_console().dispatch(request).status, 405u);
}

TEST(ConsoleRoutes, PlainHttpIsRefusedUnderRequireTls) {
  auto router = fake_console();
  router.require_tls(std::string(kConsolePrefix));
  const auto plain = router.dispatch(get("/console/", false));
  EXPECT_EQ(plain.status, 403u);
  EXPECT_EQ(plain.body, "HTTPS required");

  auto loopback = get("/console/", false);
  loopback.client_address = "127.0.0.1";
  EXPECT_EQ(router.dispatch(loopback).status, 403u);  // not allowed unless configured
  router.allow_plain_loopback(true);
  EXPECT_EQ(router.dispatch(loopback).status, 200u);
  EXPECT_EQ(router.dispatch(get("/console/", false)).status, 403u);  // still not from afar
}

TEST(ConsoleContentType, FollowsTheExtension) {
  EXPECT_EQ(console_content_type("a/b.svg"), "image/svg+xml");
  EXPECT_EQ(console_content_type("x.json"), "application/json");
  EXPECT_EQ(console_content_type("noextension"), "application/octet-stream");
  EXPECT_EQ(console_content_type("js.exe"), "application/octet-stream");
}

// The real, embedded console: the page and every module it imports are in the table, so that a
// build can never ship a console that fails to load.
bool embedded(std::string_view path) {
  return std::ranges::any_of(console_assets(),
                             [&](const ConsoleAsset& asset) { return asset.path == path; });
}

std::string directory_of(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash + 1));
}

// "./x.js" and "../y/z.js" relative to `from`'s folder, as a browser resolves module specifiers.
std::string resolve(std::string_view from, std::string specifier) {
  std::string base = directory_of(from);
  if (specifier.starts_with("./")) specifier.erase(0, 2);
  while (specifier.starts_with("../")) {
    specifier.erase(0, 3);
    base = directory_of(std::string_view(base).substr(0, base.empty() ? 0 : base.size() - 1));
  }
  return base + specifier;
}

TEST(EmbeddedConsole, HoldsTheEntryPageAndItsStyleAndScript) {
  ASSERT_TRUE(embedded("index.html"));
  const auto router = [] {
    Router r;
    add_console_routes(r, {.public_base_url = [] { return std::string(); }});
    return r;
  }();
  const auto page = router.dispatch(get("/console/"));
  EXPECT_EQ(page.status, 200u);
  const std::regex reference(R"re((?:src|href)="/console/([^"]+)")re");
  int references = 0;
  for (std::sregex_iterator it(page.body.begin(), page.body.end(), reference), end; it != end;
       ++it) {
    ++references;
    EXPECT_TRUE(embedded((*it)[1].str())) << (*it)[1].str();
  }
  EXPECT_GE(references, 2);  // the style sheet and the entry module at least
}

TEST(EmbeddedConsole, EveryModuleImportResolvesToAnEmbeddedFile) {
  const std::regex import_from(R"re(\bfrom\s+'(\.{1,2}/[^']+)')re");
  int imports = 0;
  for (const auto& asset : console_assets()) {
    if (!asset.path.ends_with(".js")) continue;
    const std::string body(asset.body);
    for (std::sregex_iterator it(body.begin(), body.end(), import_from), end; it != end; ++it) {
      ++imports;
      const auto target = resolve(asset.path, (*it)[1].str());
      EXPECT_TRUE(embedded(target)) << asset.path << " imports " << target;
    }
  }
  EXPECT_GT(imports, 0);
}

}  // namespace
}  // namespace scepter::http
