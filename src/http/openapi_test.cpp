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

TEST_F(OpenApiTest, RequestBodiesListTheirMembersAndNoOthers) {
  auto document = openapi_document(rest_routes());
  auto accounts = document["paths"]["/api/v1/endpoints/{endpoint}/accounts"]["post"]["requestBody"];
  EXPECT_EQ(accounts["required"], true);
  auto schema = accounts["content"]["application/json"]["schema"];
  EXPECT_EQ(schema["type"], "object");
  EXPECT_EQ(schema["additionalProperties"], false);
  EXPECT_EQ(schema["required"],
            nlohmann::json::array({"name", "organization", "department", "profile"}));
  std::set<std::string> members;
  for (const auto& [name, property] : schema["properties"].items()) members.insert(name);
  EXPECT_EQ(members, (std::set<std::string>{"name", "organization", "department", "profile",
                                            "term_days", "access_code"}));
  EXPECT_EQ(schema["properties"]["term_days"]["type"], "integer");
  EXPECT_FALSE(schema["properties"]["access_code"]["description"].get<std::string>().empty());

  // A change takes the same members as the creation, none of them required.
  auto profile = document["paths"]["/api/v1/profiles/{profile}"]["patch"]["requestBody"];
  EXPECT_EQ(profile["required"], false);
  auto changes = profile["content"]["application/json"]["schema"];
  EXPECT_TRUE(changes["required"].empty());
  EXPECT_EQ(changes["properties"]["terms_days"]["items"]["type"], "integer");
  auto delegation = document["paths"]["/api/v1/endpoints/{endpoint}/delegation"]["put"];
  EXPECT_EQ(delegation["requestBody"]["content"]["application/json"]["schema"]["properties"]
                      ["targets"]["type"],
            "array");

  // Only routes that read a body document one.
  EXPECT_FALSE(document["paths"]["/api/v1/endpoints"]["get"].contains("requestBody"));
  for (const auto& route : rest_routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(document["paths"][route.path][method].contains("requestBody"), !route.body.empty())
        << route.method << " " << route.path;
  }
}

}  // namespace
}  // namespace scepter::http
