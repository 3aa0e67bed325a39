// The Azure account resource over REST: a write-only secret, validation naming fields, the
// connection test's report, and deletion refused while an Intune endpoint uses the account.
#include <gtest/gtest.h>

#include "http/rest_test_fixture.hpp"

namespace scepter::http {
namespace {

using testing::Reply;
using testing::RestFixture;

constexpr std::string_view kSecret = "Qx7~rest-secret-never-shown";

class RestAzureTest : public RestFixture {
 protected:
  Reply as_root(const std::string& method, const std::string& target,
                const nlohmann::json& body = nullptr) {
    return call(method, target, mrao_.api_token, body);
  }
  static nlohmann::json loopback_account(std::string name) {
    return {{"name", std::move(name)},
            {"environment", "custom"},
            {"tenant_id", "11111111-2222-3333-4444-555555555555"},
            {"client_id", "66666666-7777-8888-9999-aaaaaaaaaaaa"},
            {"client_secret", std::string(kSecret)},
            {"authority_url", "https://127.0.0.1:9"},
            {"graph_url", "https://127.0.0.1:9"},
            {"intune_url", "https://127.0.0.1:9"}};
  }
};

TEST_F(RestAzureTest, TheClientSecretIsWriteOnly) {
  auto created = as_root("POST", "/api/v1/azure-accounts", loopback_account("loop"));
  ASSERT_EQ(created.response.status, 201u) << created.response.body;
  const auto account = created.json();
  for (const char* field :
       {"id", "name", "environment", "tenant_id", "client_id", "authority_url", "graph_url",
        "intune_url", "trust_ca_pem", "delegation", "created_at"}) {
    EXPECT_TRUE(account.contains(field)) << field;
  }
  EXPECT_FALSE(account.contains("client_secret"));
  auto by_id = as_root("GET", "/api/v1/azure-accounts/" + std::to_string(account["id"].get<int>()));
  ASSERT_EQ(by_id.response.status, 200u);
  EXPECT_EQ(by_id.json()["name"], "loop");
  auto rotated = as_root("PATCH", "/api/v1/azure-accounts/loop", {{"client_secret", "rotated-1"}});
  ASSERT_EQ(rotated.response.status, 200u) << rotated.response.body;

  for (const auto& reply : {created, by_id, rotated, as_root("GET", "/api/v1/azure-accounts"),
                            as_root("GET", "/api/v1/audit-events?limit=1000")}) {
    EXPECT_EQ(reply.response.body.find(kSecret), std::string::npos);
    EXPECT_EQ(reply.response.body.find("rotated-1"), std::string::npos);
  }
}

TEST_F(RestAzureTest, ValidationNamesTheField) {
  auto field_of = [&](nlohmann::json body) {
    auto reply = as_root("POST", "/api/v1/azure-accounts", body);
    EXPECT_EQ(reply.response.status, 422u) << reply.response.body;
    return reply.json()["errors"][0]["field"].get<std::string>();
  };
  auto body = loopback_account("x");
  body["tenant_id"] = "tenant";
  EXPECT_EQ(field_of(body), "tenant_id");
  body = loopback_account("x");
  body.erase("client_secret");
  EXPECT_EQ(field_of(body), "client_secret");
  body = loopback_account("x");
  body["graph_url"] = "http://127.0.0.1:9";
  EXPECT_EQ(field_of(body), "graph_url");
  body = loopback_account("x");
  body["environment"] = "moon";
  EXPECT_EQ(field_of(body), "environment");
  body = loopback_account("x");
  body["trust_ca_pem"] = "junk";
  EXPECT_EQ(field_of(body), "trust_ca_pem");
  body = loopback_account("x");
  body["client_secret"] = 12;
  EXPECT_EQ(field_of(body), "client_secret");
  auto duplicate = as_root("POST", "/api/v1/azure-accounts", loopback_account("contoso"));
  EXPECT_EQ(duplicate.response.status, 409u);
}

TEST_F(RestAzureTest, TestReportsEachStep) {
  ASSERT_EQ(as_root("POST", "/api/v1/azure-accounts", loopback_account("loop")).response.status,
            201u);
  auto tested = as_root("POST", "/api/v1/azure-accounts/loop/test");
  ASSERT_EQ(tested.response.status, 200u) << tested.response.body;
  auto report = tested.json();
  EXPECT_EQ(report["ok"], false);
  ASSERT_TRUE(report["steps"].is_array());
  ASSERT_FALSE(report["steps"].empty());
  const auto& last = report["steps"].back();
  EXPECT_EQ(last["ok"], false);
  EXPECT_TRUE(last["name"].is_string());
  EXPECT_FALSE(last["detail"].get<std::string>().empty());
  EXPECT_EQ(tested.response.body.find(kSecret), std::string::npos);
}

TEST_F(RestAzureTest, IntuneEndpointsNameTheirAccountWhichThenCannotGo) {
  auto endpoint = as_root("POST", "/api/v1/endpoints",
                          {{"name", "Intune"},
                           {"uri_extension", "intune"},
                           {"type", "intune"},
                           {"cert_type", "device"},
                           {"organization", "Acme"},
                           {"department", "IT"},
                           {"profile", "devices"},
                           {"term_days", 90},
                           {"azure_account", "contoso"}});
  ASSERT_EQ(endpoint.response.status, 201u) << endpoint.response.body;
  EXPECT_EQ(endpoint.json()["azure_account"], "contoso");
  auto refused = as_root("DELETE", "/api/v1/azure-accounts/contoso");
  EXPECT_EQ(refused.response.status, 409u);
  EXPECT_EQ(refused.json()["errors"][0]["field"], "azure_account");
  EXPECT_NE(refused.json()["detail"].get<std::string>().find("'intune'"), std::string::npos);
  auto moved = as_root("PATCH", "/api/v1/endpoints/intune", {{"azure_account", "acme-azure"}});
  ASSERT_EQ(moved.response.status, 200u) << moved.response.body;
  EXPECT_EQ(as_root("DELETE", "/api/v1/azure-accounts/contoso").response.status, 204u);
}

}  // namespace
}  // namespace scepter::http
