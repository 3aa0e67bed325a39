#include "http/openapi.hpp"

#include <gtest/gtest.h>

#include <set>

#include "http/rest_test_fixture.hpp"

namespace scepter::http {
namespace {

using testing::RestFixture;

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// "/api/v1/endpoints/{endpoint}" -> "/api/v1/endpoints/x"
std::string concrete(std::string path) {
  for (auto open = path.find('{'); open != std::string::npos; open = path.find('{')) {
    path.replace(open, path.find('}', open) - open + 1, "x");
  }
  return path;
}

class OpenApiTest : public RestFixture {};

TEST_F(OpenApiTest, DocumentsExactlyTheRoutesTheRouterServes) {
  auto served = call("GET", "/api/v1/openapi.json", "");
  ASSERT_EQ(served.response.status, 200u);
  auto document = served.json();
  EXPECT_EQ(document["openapi"], "3.1.0");

  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, operations] : document["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      documented.insert({upper(method), path});
      EXPECT_FALSE(operation["summary"].get<std::string>().empty()) << method << " " << path;
    }
  }
  std::set<std::pair<std::string, std::string>> routed;
  for (const auto& route : rest_routes()) {
    EXPECT_TRUE(routed.insert({route.method, route.path}).second)
        << "route listed twice: " << route.method << " " << route.path;
  }
  EXPECT_EQ(documented, routed);

  // Every documented operation reaches a handler: no "no such API route", no 405.
  for (const auto& [method, path] : documented) {
    auto reply = call(method, concrete(path), mrao_.api_token);
    EXPECT_NE(reply.response.status, 405u) << method << " " << path;
    if (reply.response.content_type == "application/problem+json") {
      EXPECT_NE(reply.json().value("detail", ""), "no such API route") << method << " " << path;
    }
  }
}

TEST_F(OpenApiTest, DocumentsParametersSecurityAndErrors) {
  auto document = openapi_document(rest_routes());
  auto accounts = document["paths"]["/api/v1/endpoints/{endpoint}/accounts"]["get"];
  bool has_path_parameter = false;
  bool has_filter = false;
  for (const auto& parameter : accounts["parameters"]) {
    if (parameter["name"] == "endpoint" && parameter["in"] == "path") has_path_parameter = true;
    if (parameter["name"] == "organization" && parameter["in"] == "query") has_filter = true;
  }
  EXPECT_TRUE(has_path_parameter);
  EXPECT_TRUE(has_filter);
  EXPECT_FALSE(accounts["security"].empty());
  EXPECT_TRUE(document["paths"]["/api/v1/sessions"]["post"]["security"].empty());
  EXPECT_TRUE(accounts["responses"].contains("default"));
  EXPECT_EQ(document["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
}

}  // namespace
}  // namespace scepter::http
