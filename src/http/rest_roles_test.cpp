// The role matrix: each role against each resource and action, including what must fail.
// Outside the scope is 404 (no existence leak), a forbidden action 403, no valid token 401.
#include <gtest/gtest.h>

#include "crypto/random.hpp"
#include "http/rest_test_fixture.hpp"

namespace scepter::http {
namespace {

using testing::RestFixture;

enum class As { mrao, rao, drao };

struct Case {
  As role;
  std::string method;
  std::string target;
  nlohmann::json body = nullptr;
  unsigned status = 200;
  std::optional<int> count{};  // items in a list answer
};

std::string label(As role) {
  switch (role) {
    case As::mrao:
      return "mrao";
    case As::rao:
      return "rao(Acme)";
    case As::drao:
      return "drao(Acme/IT)";
  }
  return "?";
}

class RoleMatrixTest : public RestFixture {
 protected:
  const std::string& token(As role) const {
    switch (role) {
      case As::mrao:
        return mrao_.api_token;
      case As::rao:
        return rao_.api_token;
      case As::drao:
        return drao_.api_token;
    }
    return mrao_.api_token;
  }

  void run(const std::vector<Case>& cases) {
    for (const auto& c : cases) {
      auto reply = call(c.method, c.target, token(c.role), c.body);
      SCOPED_TRACE(label(c.role) + " " + c.method + " " + c.target + " -> " +
                   std::to_string(reply.response.status) + " " +
                   reply.response.body.substr(0, 200));
      EXPECT_EQ(reply.response.status, c.status);
      if (c.count) {
        auto items = reply.json()["items"];
        ASSERT_TRUE(items.is_array());
        EXPECT_EQ(static_cast<int>(items.size()), *c.count);
      }
      if (c.status >= 400) {
        EXPECT_EQ(reply.response.content_type, "application/problem+json");
      }
    }
  }

  // "/api/v1/departments/{id}" of a department, looked up as an MRAO.
  std::string department(const std::string& organization, const std::string& name) {
    auto items = call("GET", "/api/v1/departments?organization=" + organization + "&name=" + name,
                      mrao_.api_token)
                     .json()["items"];
    EXPECT_EQ(items.size(), 1u) << organization << "/" << name;
    return items.empty() ? std::string("/api/v1/departments/0")
                         : "/api/v1/departments/" + std::to_string(items[0]["id"].get<long long>());
  }

  std::string certificate(const std::string& account) {
    return "/api/v1/certificates/" + serials_.at(account);
  }
};

TEST_F(RoleMatrixTest, Organizations) {
  run({{As::mrao, "GET", "/api/v1/organizations", nullptr, 200, 2},
       {As::rao, "GET", "/api/v1/organizations", nullptr, 200, 1},
       {As::drao, "GET", "/api/v1/organizations", nullptr, 200, 1},
       {As::mrao, "POST", "/api/v1/organizations", {{"name", "New"}}, 201},
       {As::rao, "POST", "/api/v1/organizations", {{"name", "New2"}}, 403},
       {As::drao, "POST", "/api/v1/organizations", {{"name", "New3"}}, 403},
       {As::rao, "PATCH", "/api/v1/organizations/Acme", {{"name", "Mine"}}, 403},
       {As::rao, "PATCH", "/api/v1/organizations/Other", {{"name", "Mine"}}, 404},
       {As::drao, "PATCH", "/api/v1/organizations/Acme", {{"name", "Mine"}}, 403},
       {As::rao, "DELETE", "/api/v1/organizations/New", nullptr, 404},
       {As::drao, "DELETE", "/api/v1/organizations/Acme", nullptr, 403},
       {As::mrao, "PATCH", "/api/v1/organizations/New", {{"name", "Newer"}}, 200},
       {As::mrao, "DELETE", "/api/v1/organizations/Newer", nullptr, 204}});
}

TEST_F(RoleMatrixTest, Departments) {
  run({{As::mrao, "GET", "/api/v1/departments", nullptr, 200, 3},
       {As::rao, "GET", "/api/v1/departments", nullptr, 200, 2},
       {As::drao, "GET", "/api/v1/departments", nullptr, 200, 1},
       {As::mrao, "POST", "/api/v1/departments", {{"organization", "Other"}, {"name", "Ops"}}, 201},
       {As::rao, "POST", "/api/v1/departments", {{"organization", "Acme"}, {"name", "Ops"}}, 201},
       {As::rao, "POST", "/api/v1/departments", {{"organization", "Other"}, {"name", "X"}}, 404},
       {As::drao, "POST", "/api/v1/departments", {{"organization", "Acme"}, {"name", "Y"}}, 403}});
  const auto ops = department("Acme", "Ops");
  const auto other_ops = department("Other", "Ops");
  const auto it = department("Acme", "IT");
  run({{As::drao, "PATCH", it, {{"name", "IT2"}}, 403},
       {As::drao, "DELETE", it, nullptr, 403},
       {As::drao, "PATCH", ops, {{"name", "Ops2"}}, 404},
       {As::drao, "DELETE", ops, nullptr, 404},
       {As::rao, "PATCH", other_ops, {{"name", "Ops2"}}, 404},
       {As::rao, "DELETE", other_ops, nullptr, 404},
       {As::rao, "PATCH", ops, {{"name", "Ops2"}}, 200},
       {As::rao, "DELETE", ops, nullptr, 204},
       {As::mrao, "PATCH", other_ops, {{"name", "Ops2"}}, 200},
       {As::mrao, "DELETE", other_ops, nullptr, 204}});
}

TEST_F(RoleMatrixTest, Profiles) {
  const nlohmann::json profile = {{"cert_type", "client"}, {"terms_days", {30}}};
  auto named = [&](std::string name) {
    auto body = profile;
    body["name"] = std::move(name);
    return body;
  };
  run({{As::mrao, "GET", "/api/v1/profiles", nullptr, 200, 2},
       {As::rao, "GET", "/api/v1/profiles", nullptr, 200, 2},
       {As::drao, "GET", "/api/v1/profiles/clients", nullptr, 200},
       {As::mrao, "POST", "/api/v1/profiles", named("p1"), 201},
       {As::rao, "POST", "/api/v1/profiles", named("p2"), 403},
       {As::drao, "POST", "/api/v1/profiles", named("p3"), 403},
       {As::rao, "PATCH", "/api/v1/profiles/p1", {{"min_rsa_bits", 4096}}, 403},
       {As::drao, "PATCH", "/api/v1/profiles/p1", {{"min_rsa_bits", 4096}}, 403},
       {As::rao, "DELETE", "/api/v1/profiles/p1", nullptr, 403},
       {As::drao, "DELETE", "/api/v1/profiles/p1", nullptr, 403},
       {As::mrao, "PATCH", "/api/v1/profiles/p1", {{"min_rsa_bits", 4096}}, 200},
       {As::mrao, "DELETE", "/api/v1/profiles/p1", nullptr, 204}});
}

TEST_F(RoleMatrixTest, Endpoints) {
  const nlohmann::json endpoint = {{"name", "E"}, {"cert_type", "client"}};
  auto at = [&](std::string uri) {
    auto body = endpoint;
    body["uri_extension"] = std::move(uri);
    return body;
  };
  run({{As::mrao, "GET", "/api/v1/endpoints", nullptr, 200, 5},
       {As::rao, "GET", "/api/v1/endpoints", nullptr, 200, 4},
       {As::drao, "GET", "/api/v1/endpoints", nullptr, 200, 3},
       {As::mrao, "GET", "/api/v1/endpoints/other-only", nullptr, 200},
       {As::rao, "GET", "/api/v1/endpoints/other-only", nullptr, 404},
       {As::rao, "GET", "/api/v1/endpoints/hr-only", nullptr, 200},
       {As::drao, "GET", "/api/v1/endpoints/hr-only", nullptr, 404},
       {As::drao, "GET", "/api/v1/endpoints/acme-only/delegation", nullptr, 200},
       {As::drao, "GET", "/api/v1/endpoints/other-only/delegation", nullptr, 404},
       {As::mrao, "POST", "/api/v1/endpoints", at("e1"), 201},
       {As::rao, "POST", "/api/v1/endpoints", at("e2"), 403},
       {As::drao, "POST", "/api/v1/endpoints", at("e3"), 403},
       {As::rao, "PATCH", "/api/v1/endpoints/general", {{"enabled", false}}, 403},
       {As::rao, "PATCH", "/api/v1/endpoints/other-only", {{"enabled", false}}, 404},
       {As::drao, "DELETE", "/api/v1/endpoints/it-only?force=true", nullptr, 403},
       {As::rao, "PUT", "/api/v1/endpoints/acme-only/delegation", {{"mode", "general"}}, 403},
       {As::mrao,
        "PUT",
        "/api/v1/endpoints/e1/delegation",
        {{"mode", "customized"}, {"targets", {{{"organization", "Other"}}}}},
        200},
       {As::rao, "GET", "/api/v1/endpoints/e1", nullptr, 404},
       {As::mrao, "PATCH", "/api/v1/endpoints/e1", {{"enabled", false}}, 200},
       {As::mrao, "DELETE", "/api/v1/endpoints/e1", nullptr, 204}});
}

TEST_F(RoleMatrixTest, Accounts) {
  auto account = [](std::string name, std::string org, std::string department) {
    return nlohmann::json{{"name", std::move(name)},
                          {"organization", std::move(org)},
                          {"department", std::move(department)},
                          {"profile", "clients"}};
  };
  const std::string general = "/api/v1/endpoints/general/accounts";
  run({{As::mrao, "GET", general, nullptr, 200, 3},
       {As::rao, "GET", general, nullptr, 200, 2},
       {As::drao, "GET", general, nullptr, 200, 1},
       {As::rao, "GET", "/api/v1/endpoints/other-only/accounts", nullptr, 404},
       {As::mrao, "POST", general, account("m1", "Other", "Sales"), 201},
       {As::rao, "POST", general, account("r1", "Acme", "HR"), 201},
       {As::drao, "POST", general, account("d1", "Acme", "IT"), 201},
       {As::rao, "POST", general, account("r2", "Other", "Sales"), 404},
       {As::drao, "POST", general, account("d2", "Acme", "HR"), 404},
       {As::rao, "POST", "/api/v1/endpoints/other-only/accounts", account("r3", "Acme", "IT"), 404},
       {As::rao, "POST", general + "/acme-hr/rotate-code", nullptr, 200},
       {As::drao, "POST", general + "/acme-hr/rotate-code", nullptr, 404},
       {As::rao, "POST", general + "/other-sales/rotate-code", nullptr, 404},
       {As::rao, "DELETE", general + "/other-sales", nullptr, 404},
       {As::drao, "DELETE", general + "/d1", nullptr, 204}});
}

TEST_F(RoleMatrixTest, AzureAccounts) {
  const std::string base = "/api/v1/azure-accounts";
  auto account = [](std::string name) {
    return nlohmann::json{{"name", std::move(name)},
                          {"environment", "custom"},
                          {"tenant_id", "11111111-2222-3333-4444-555555555555"},
                          {"client_id", "66666666-7777-8888-9999-aaaaaaaaaaaa"},
                          {"client_secret", "write-only-secret"},
                          // Nothing listens on the discard port: the test fails fast, offline.
                          {"authority_url", "https://127.0.0.1:9/login"},
                          {"graph_url", "https://127.0.0.1:9/graph"},
                          {"intune_url", "https://127.0.0.1:9/intune"}};
  };
  const nlohmann::json to_other = {{"mode", "customized"},
                                   {"targets", {{{"organization", "Other"}}}}};
  run({{As::mrao, "GET", base, nullptr, 200, 4},
       {As::rao, "GET", base, nullptr, 200, 3},
       {As::drao, "GET", base, nullptr, 200, 2},
       {As::rao, "GET", base + "/hr-azure", nullptr, 200},
       {As::rao, "GET", base + "/other-azure", nullptr, 404},
       {As::drao, "GET", base + "/hr-azure", nullptr, 404},
       {As::drao, "GET", base + "/acme-azure/delegation", nullptr, 200},
       {As::drao, "GET", base + "/other-azure/delegation", nullptr, 404},
       {As::mrao, "POST", base, account("fake"), 201},
       {As::rao, "POST", base, account("r1"), 403},
       {As::drao, "POST", base, account("d1"), 403},
       {As::rao, "PATCH", base + "/contoso", {{"name", "x"}}, 403},
       {As::rao, "PATCH", base + "/other-azure", {{"name", "x"}}, 404},
       {As::mrao, "PATCH", base + "/fake", {{"client_secret", "rotated"}}, 200},
       {As::rao, "POST", base + "/fake/test", nullptr, 403},
       {As::drao, "POST", base + "/other-azure/test", nullptr, 404},
       {As::mrao, "POST", base + "/fake/test", nullptr, 200},
       {As::rao, "PUT", base + "/acme-azure/delegation", {{"mode", "general"}}, 403},
       {As::mrao, "PUT", base + "/fake/delegation", to_other, 200},
       {As::rao, "GET", base + "/fake", nullptr, 404},
       {As::drao, "DELETE", base + "/contoso", nullptr, 403},
       {As::rao, "DELETE", base + "/other-azure", nullptr, 404},
       {As::mrao, "DELETE", base + "/fake", nullptr, 204},
       {As::mrao, "GET", base + "/fake", nullptr, 404}});
}

TEST_F(RoleMatrixTest, Certificates) {
  run({{As::mrao, "GET", "/api/v1/certificates", nullptr, 200, 3},
       {As::rao, "GET", "/api/v1/certificates", nullptr, 200, 2},
       {As::drao, "GET", "/api/v1/certificates", nullptr, 200, 1},
       {As::mrao, "GET", certificate("other-sales"), nullptr, 200},
       {As::rao, "GET", certificate("other-sales"), nullptr, 404},
       {As::rao, "GET", certificate("acme-hr"), nullptr, 200},
       {As::drao, "GET", certificate("acme-hr"), nullptr, 404},
       {As::drao, "GET", certificate("acme-hr") + "/download?format=der", nullptr, 404},
       {As::drao, "GET", certificate("acme-it") + "/download?format=chain", nullptr, 200},
       {As::rao, "POST", certificate("other-sales") + "/revoke", {{"reason", "superseded"}}, 404},
       {As::drao, "POST", certificate("acme-hr") + "/revoke", nullptr, 404},
       {As::drao, "POST", certificate("acme-it") + "/revoke", {{"reason", "keyCompromise"}}, 200},
       {As::rao, "POST", certificate("acme-hr") + "/revoke", nullptr, 200}});
}

TEST_F(RoleMatrixTest, PendingRequests) {
  const std::string base = "/api/v1/requests/general/";
  run({{As::mrao, "GET", "/api/v1/requests", nullptr, 200, 3},
       {As::rao, "GET", "/api/v1/requests", nullptr, 200, 2},
       {As::drao, "GET", "/api/v1/requests", nullptr, 200, 1},
       {As::drao, "POST", base + "pending-acme-hr/approve", nullptr, 404},
       {As::rao, "POST", base + "pending-other-sales/approve", nullptr, 404},
       {As::rao, "POST", base + "pending-other-sales/reject", nullptr, 404},
       {As::rao, "POST", base + "pending-acme-hr/approve", nullptr, 200},
       {As::drao, "POST", base + "pending-acme-it/reject", {{"reason", "unknown device"}}, 204},
       {As::mrao, "POST", base + "pending-other-sales/approve", nullptr, 200}});
}

TEST_F(RoleMatrixTest, PkiConfigurationAndAudit) {
  run({{As::rao, "GET", "/api/v1/ra-certificates", nullptr, 200},
       {As::mrao, "POST", "/api/v1/ra-certificates", {{"name", "ra2"}}, 201},
       {As::rao, "POST", "/api/v1/ra-certificates", {{"name", "ra3"}}, 403},
       {As::drao,
        "POST",
        "/api/v1/ra-certificates/import",
        {{"name", "ra4"}, {"certificate_pem", "x"}, {"key_pem", "y"}},
        403},
       {As::drao, "GET", "/api/v1/crl?format=der", nullptr, 200},
       {As::mrao, "GET", "/api/v1/audit-events", nullptr, 200},
       {As::rao, "GET", "/api/v1/audit-events", nullptr, 403},
       {As::drao, "GET", "/api/v1/audit-events", nullptr, 403},
       {As::rao, "POST", "/api/v1/admins", {{"name", "x"}, {"role", "mrao"}}, 403},
       {As::drao, "GET", "/api/v1/admins", nullptr, 200, 1},
       {As::mrao, "GET", "/api/v1/admins", nullptr, 200, 3}});
}

TEST_F(RoleMatrixTest, MissingBadExpiredAndRevokedCredentialsAre401) {
  EXPECT_EQ(call("GET", "/api/v1/organizations", "").response.status, 401u);
  EXPECT_EQ(call("GET", "/api/v1/organizations", "sct_nope").response.status, 401u);
  EXPECT_EQ(call("GET", "/api/v1/organizations", "scs_nope").response.status, 401u);

  auto& store = workspace_->store();
  const std::string expired = "sct_" + std::string(40, 'e');
  ASSERT_TRUE(store.create_api_token({.admin_id = mrao_.admin.id,
                                      .name = "expired",
                                      .token_digest = crypto::sha256(as_bytes(expired)),
                                      .created_at = 1,
                                      .expires_at = 2}));
  EXPECT_EQ(call("GET", "/api/v1/organizations", expired).response.status, 401u);
  const std::string old_session = "scs_" + std::string(40, 's');
  ASSERT_TRUE(store.create_session({.admin_id = mrao_.admin.id,
                                    .token_digest = crypto::sha256(as_bytes(old_session)),
                                    .client_address = "198.51.100.7",
                                    .created_at = 1,
                                    .expires_at = 2}));
  EXPECT_EQ(call("GET", "/api/v1/organizations", old_session).response.status, 401u);

  auto revoked = call("POST", "/api/v1/api-tokens/" + std::to_string(rao_.token.id) + "/revoke",
                      rao_.api_token);
  EXPECT_EQ(revoked.response.status, 200u) << revoked.response.body;
  auto after = call("GET", "/api/v1/organizations", rao_.api_token);
  EXPECT_EQ(after.response.status, 401u);
  EXPECT_EQ(after.code(), "unauthorized");
  // Someone else's token is outside one's scope.
  auto others = call("POST", "/api/v1/api-tokens/" + std::to_string(mrao_.token.id) + "/revoke",
                     drao_.api_token);
  EXPECT_EQ(others.response.status, 404u);
}

TEST_F(RoleMatrixTest, AnMraoDisablesAnotherAdminAtOnceAndEnablesThemAgain) {
  EXPECT_EQ(call("POST", "/api/v1/admins/dave/disable", rao_.api_token).response.status, 403u);
  EXPECT_EQ(call("POST", "/api/v1/admins/root/disable", mrao_.api_token).response.status, 409u);
  EXPECT_EQ(call("POST", "/api/v1/admins/nobody/disable", mrao_.api_token).response.status, 404u);
  auto disabled = call("POST", "/api/v1/admins/dave/disable", mrao_.api_token);
  ASSERT_EQ(disabled.response.status, 200u) << disabled.response.body;
  EXPECT_EQ(disabled.json()["disabled"], true);
  EXPECT_EQ(call("GET", "/api/v1/organizations", drao_.api_token).response.status, 401u);
  auto login =
      call("POST", "/api/v1/sessions", "", {{"username", "dave"}, {"password", drao_.password}});
  EXPECT_EQ(login.response.status, 401u);

  auto enabled = call("POST", "/api/v1/admins/dave/enable", mrao_.api_token);
  ASSERT_EQ(enabled.response.status, 200u) << enabled.response.body;
  EXPECT_EQ(enabled.json()["disabled"], false);
  EXPECT_EQ(call("GET", "/api/v1/organizations", drao_.api_token).response.status, 401u);
  login =
      call("POST", "/api/v1/sessions", "", {{"username", "dave"}, {"password", drao_.password}});
  EXPECT_EQ(login.response.status, 201u) << login.response.body;
}

TEST_F(RoleMatrixTest, SessionsWorkUntilLogoutAndLoginsAreThrottled) {
  auto login =
      call("POST", "/api/v1/sessions", "", {{"username", "dave"}, {"password", drao_.password}});
  ASSERT_EQ(login.response.status, 201u) << login.response.body;
  const auto session = login.json()["token"].get<std::string>();
  EXPECT_EQ(call("GET", "/api/v1/organizations", session).response.status, 200u);
  EXPECT_EQ(call("DELETE", "/api/v1/sessions/current", session).response.status, 204u);
  EXPECT_EQ(call("GET", "/api/v1/organizations", session).response.status, 401u);

  for (int attempt = 0; attempt < testing::kTestAuthPolicy.max_login_failures; ++attempt) {
    auto wrong = call("POST", "/api/v1/sessions", "", {{"username", "dave"}, {"password", "x"}});
    EXPECT_EQ(wrong.response.status, 401u);
  }
  auto throttled =
      call("POST", "/api/v1/sessions", "", {{"username", "dave"}, {"password", drao_.password}});
  EXPECT_EQ(throttled.response.status, 429u);
  EXPECT_EQ(throttled.code(), "throttled");
  // Other usernames are not locked out by someone guessing dave's password.
  EXPECT_EQ(
      call("POST", "/api/v1/sessions", "", {{"username", "rita"}, {"password", rao_.password}})
          .response.status,
      201u);
}

}  // namespace
}  // namespace scepter::http
