// Changing and deleting organizations, departments and profiles over the REST API.
#include <gtest/gtest.h>

#include <set>

#include "http/rest_test_fixture.hpp"

namespace scepter::http {
namespace {

using testing::Reply;
using testing::RestFixture;

class RestTenantsTest : public RestFixture {
 protected:
  Reply as_root(const std::string& method, const std::string& target,
                const nlohmann::json& body = nullptr) {
    return call(method, target, mrao_.api_token, body);
  }
  std::string department_path(const std::string& organization, const std::string& name) {
    auto found =
        as_root("GET", "/api/v1/departments?organization=" + organization + "&name=" + name)
            .json()["items"];
    EXPECT_EQ(found.size(), 1u) << organization << "/" << name;
    return found.empty() ? std::string("/api/v1/departments/0")
                         : "/api/v1/departments/" + std::to_string(found[0]["id"].get<long long>());
  }
};

TEST_F(RestTenantsTest, RenamesAndDeletesOrganizations) {
  auto renamed = as_root("PATCH", "/api/v1/organizations/Other", {{"name", "Others"}});
  ASSERT_EQ(renamed.response.status, 200u) << renamed.response.body;
  EXPECT_EQ(renamed.json()["name"], "Others");
  auto departments = as_root("GET", "/api/v1/departments?organization=Others").json();
  EXPECT_EQ(departments["items"].size(), 1u);

  auto taken = as_root("PATCH", "/api/v1/organizations/Others", {{"name", "Acme"}});
  EXPECT_EQ(taken.response.status, 409u);
  EXPECT_EQ(taken.response.content_type, "application/problem+json");
  auto blank = as_root("PATCH", "/api/v1/organizations/Others", {{"name", ""}});
  EXPECT_EQ(blank.response.status, 422u);
  EXPECT_EQ(blank.json()["errors"][0]["field"], "name");
  auto no_name = as_root("PATCH", "/api/v1/organizations/Others", nlohmann::json::object());
  EXPECT_EQ(no_name.response.status, 422u);
  EXPECT_EQ(as_root("PATCH", "/api/v1/organizations/Nope", {{"name", "x"}}).response.status, 404u);

  auto in_use = as_root("DELETE", "/api/v1/organizations/Acme");
  EXPECT_EQ(in_use.response.status, 409u);
  EXPECT_EQ(in_use.code(), "conflict");
  EXPECT_NE(in_use.json().value("detail", "").find("department 'IT'"), std::string::npos)
      << in_use.response.body;

  ASSERT_EQ(as_root("POST", "/api/v1/organizations", {{"name", "Spare"}}).response.status, 201u);
  EXPECT_EQ(as_root("DELETE", "/api/v1/organizations/Spare").response.status, 204u);
  EXPECT_EQ(as_root("DELETE", "/api/v1/organizations/Spare").response.status, 404u);
}

TEST_F(RestTenantsTest, RenamesAndDeletesDepartmentsById) {
  ASSERT_EQ(as_root("POST", "/api/v1/departments", {{"organization", "Acme"}, {"name", "Ops"}})
                .response.status,
            201u);
  const auto ops = department_path("Acme", "Ops");
  auto renamed = as_root("PATCH", ops, {{"name", "Operations"}});
  ASSERT_EQ(renamed.response.status, 200u) << renamed.response.body;
  EXPECT_EQ(renamed.json()["name"], "Operations");
  EXPECT_EQ(renamed.json()["organization"], "Acme");
  EXPECT_EQ(as_root("PATCH", ops, {{"name", "HR"}}).response.status, 409u);

  auto in_use = as_root("DELETE", department_path("Acme", "IT"));
  EXPECT_EQ(in_use.response.status, 409u);
  EXPECT_NE(in_use.json().value("detail", "").find("account 'acme-it' of endpoint 'general'"),
            std::string::npos)
      << in_use.response.body;
  EXPECT_EQ(as_root("DELETE", ops).response.status, 204u);
  EXPECT_EQ(as_root("DELETE", ops).response.status, 404u);
  EXPECT_EQ(as_root("PATCH", "/api/v1/departments/abc", {{"name", "x"}}).response.status, 404u);
}

TEST_F(RestTenantsTest, ChangesProfilesWithTheServicesRules) {
  auto changed = as_root("PATCH", "/api/v1/profiles/clients",
                         {{"min_rsa_bits", 3072}, {"terms_days", {365, 730, 30}}});
  ASSERT_EQ(changed.response.status, 200u) << changed.response.body;
  EXPECT_EQ(changed.json()["min_rsa_bits"], 3072);
  EXPECT_EQ(changed.json()["terms_days"], nlohmann::json({30, 365, 730}));
  EXPECT_EQ(changed.json()["cert_type"], "client");

  auto cert_type = as_root("PATCH", "/api/v1/profiles/clients", {{"cert_type", "device"}});
  EXPECT_EQ(cert_type.response.status, 422u);
  EXPECT_EQ(cert_type.json()["errors"][0]["field"], "cert_type");
  auto wrong_type = as_root("PATCH", "/api/v1/profiles/clients", {{"terms_days", "365"}});
  EXPECT_EQ(wrong_type.response.status, 422u);
  EXPECT_EQ(wrong_type.json()["errors"][0]["field"], "terms_days");
  auto term_in_use = as_root("PATCH", "/api/v1/profiles/clients", {{"terms_days", {730}}});
  EXPECT_EQ(term_in_use.response.status, 409u);
  EXPECT_NE(term_in_use.json().value("detail", "").find("(365 days)"), std::string::npos)
      << term_in_use.response.body;

  auto in_use = as_root("DELETE", "/api/v1/profiles/clients");
  EXPECT_EQ(in_use.response.status, 409u);
  EXPECT_NE(in_use.json().value("detail", "").find("account 'acme-it'"), std::string::npos);
  auto renamed = as_root("PATCH", "/api/v1/profiles/devices", {{"name", "machines"}});
  ASSERT_EQ(renamed.response.status, 200u) << renamed.response.body;
  EXPECT_EQ(as_root("DELETE", "/api/v1/profiles/machines").response.status, 204u);
  EXPECT_EQ(as_root("GET", "/api/v1/profiles/machines").response.status, 404u);
}

TEST_F(RestTenantsTest, ProfileBodiesWithUnknownMembersWriteNothing) {
  const auto before = as_root("GET", "/api/v1/profiles/devices").json();
  auto misspelt = as_root("PATCH", "/api/v1/profiles/devices",
                          {{"name", "machines"}, {"requires_aproval", true}});
  EXPECT_EQ(misspelt.response.status, 400u);
  EXPECT_EQ(misspelt.json()["errors"][0]["field"], "requires_aproval");
  EXPECT_NE(misspelt.json().value("detail", "").find("requires_approval"), std::string::npos);
  EXPECT_EQ(as_root("GET", "/api/v1/profiles/devices").json(), before);
  EXPECT_EQ(as_root("GET", "/api/v1/profiles/machines").response.status, 404u);

  auto created = as_root("POST", "/api/v1/profiles",
                         {{"name", "laptops"}, {"cert_type", "device"}, {"term_days", {90}}});
  EXPECT_EQ(created.response.status, 400u);
  EXPECT_EQ(created.json()["errors"][0]["field"], "term_days");
  EXPECT_EQ(as_root("GET", "/api/v1/profiles/laptops").response.status, 404u);

  auto organization = as_root("POST", "/api/v1/organizations", {{"name", "Globex"}, {"id", 9}});
  EXPECT_EQ(organization.response.status, 400u);
  EXPECT_EQ(as_root("GET", "/api/v1/organizations?name=Globex").json()["total"], 0);

  auto declared_only = as_root("POST", "/api/v1/profiles",
                               {{"name", "laptops"},
                                {"cert_type", "device"},
                                {"terms_days", {90}},
                                {"key_types", {"ec"}},
                                {"requires_approval", true}});
  ASSERT_EQ(declared_only.response.status, 201u) << declared_only.response.body;
  EXPECT_EQ(declared_only.json()["terms_days"], nlohmann::json::array({90}));
}

TEST_F(RestTenantsTest, EveryChangeIsAudited) {
  ASSERT_EQ(as_root("PATCH", "/api/v1/organizations/Other", {{"name", "Others"}}).response.status,
            200u);
  ASSERT_EQ(
      as_root("PATCH", "/api/v1/profiles/devices", {{"requires_approval", true}}).response.status,
      200u);
  auto events = as_root("GET", "/api/v1/audit-events?actor=admin%3Aroot").json()["items"];
  std::set<std::string> actions;
  for (const auto& event : events) actions.insert(event["action"].get<std::string>());
  EXPECT_TRUE(actions.contains("organization.update"));
  EXPECT_TRUE(actions.contains("profile.update"));
}

}  // namespace
}  // namespace scepter::http
