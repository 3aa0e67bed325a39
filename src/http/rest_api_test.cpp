#include "http/rest_api.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "http/rest_problem.hpp"
#include "http/rest_routes.hpp"
#include "http/rest_test_fixture.hpp"

namespace scepter::http {
namespace {

using testing::Reply;
using testing::RestFixture;

class RestApiTest : public RestFixture {
 protected:
  Reply as_root(const std::string& method, const std::string& target,
                const nlohmann::json& body = nullptr) {
    return call(method, target, mrao_.api_token, body);
  }
};

TEST_F(RestApiTest, ValidationErrorsAreProblemDetailsNamingTheField) {
  auto reply = as_root("POST", "/api/v1/organizations", nlohmann::json::object());
  EXPECT_EQ(reply.response.status, 422u);
  EXPECT_EQ(reply.response.content_type, "application/problem+json");
  auto problem = reply.json();
  EXPECT_EQ(problem["code"], "validation_failed");
  EXPECT_EQ(problem["status"], 422);
  ASSERT_EQ(problem["errors"].size(), 1u);
  EXPECT_EQ(problem["errors"][0]["field"], "name");

  auto wrong_type = as_root("POST", "/api/v1/organizations", {{"name", 7}});
  EXPECT_EQ(wrong_type.json()["errors"][0]["field"], "name");
  auto not_json = call("POST", "/api/v1/sessions", "", nullptr);
  EXPECT_EQ(not_json.response.status, 400u);
  EXPECT_EQ(not_json.code(), "bad_request");
  auto duplicate = as_root("POST", "/api/v1/organizations", {{"name", "Acme"}});
  EXPECT_EQ(duplicate.response.status, 409u);
  EXPECT_EQ(duplicate.code(), "conflict");
}

TEST_F(RestApiTest, EveryCategoryHasOneStatusAndCode) {
  EXPECT_EQ(problem_kind(ErrorCategory::not_found).status, 404u);
  EXPECT_EQ(problem_kind(ErrorCategory::forbidden).code, "forbidden");
  EXPECT_EQ(problem_kind(ErrorCategory::throttled).status, 429u);
  // Internal detail never reaches the client.
  auto response = problem_response(make_error(ErrorCategory::store, "db", "disk I/O error at x"));
  EXPECT_EQ(response.status, 500u);
  EXPECT_EQ(response.body.find("disk"), std::string::npos);
}

TEST_F(RestApiTest, UnknownRoutesMethodsAndParametersAreProblems) {
  auto missing = as_root("GET", "/api/v1/nothing");
  EXPECT_EQ(missing.response.status, 404u);
  EXPECT_EQ(missing.code(), "not_found");
  auto method = as_root("PUT", "/api/v1/organizations");
  EXPECT_EQ(method.response.status, 405u);
  ASSERT_FALSE(method.response.headers.empty());
  EXPECT_EQ(method.response.headers[0].value, "GET, POST");
  auto typo = as_root("GET", "/api/v1/endpoints?typ=scep");
  EXPECT_EQ(typo.response.status, 422u);
  EXPECT_EQ(typo.json()["errors"][0]["field"], "typ");
  EXPECT_EQ(as_root("GET", "/api/v1/endpoints?limit=0").response.status, 422u);
  EXPECT_EQ(as_root("GET", "/api/v1/endpoints?sort=secret").response.status, 422u);
}

// A misspelt member must not read as success: `enable` is not `enabled`.
TEST_F(RestApiTest, UnknownBodyMembersAreRefusedAndChangeNothing) {
  const auto before = as_root("GET", "/api/v1/endpoints/general").json();
  auto typo =
      as_root("PATCH", "/api/v1/endpoints/general", {{"name", "renamed"}, {"enable", false}});
  EXPECT_EQ(typo.response.status, 400u);
  EXPECT_EQ(typo.response.content_type, "application/problem+json");
  EXPECT_EQ(typo.code(), "bad_request");
  ASSERT_EQ(typo.json()["errors"].size(), 1u);
  EXPECT_EQ(typo.json()["errors"][0]["field"], "enable");
  const auto detail = typo.json().value("detail", "");
  EXPECT_TRUE(
      detail.starts_with("unknown member 'enable'; this route takes: name, uri_extension, "))
      << detail;
  EXPECT_NE(detail.find("enabled"), std::string::npos) << detail;
  EXPECT_EQ(as_root("GET", "/api/v1/endpoints/general").json(), before);

  auto declared = as_root("PATCH", "/api/v1/endpoints/general", {{"enabled", false}});
  ASSERT_EQ(declared.response.status, 200u) << declared.response.body;
  EXPECT_EQ(declared.json()["enabled"], false);
}

TEST_F(RestApiTest, UnknownMembersAreRefusedOnEveryKindOfBody) {
  // Before authentication, on a route whose body is optional, and beside a null.
  auto login =
      call("POST", "/api/v1/sessions", "", {{"username", "root"}, {"password", "x"}, {"otp", 1}});
  EXPECT_EQ(login.response.status, 400u);
  EXPECT_EQ(login.json()["errors"][0]["field"], "otp");
  auto revoke = as_root("POST", "/api/v1/certificates/" + serials_.at("acme-it") + "/revoke",
                        {{"reasons", "keyCompromise"}});
  EXPECT_EQ(revoke.response.status, 400u);
  auto still_valid =
      as_root("GET", "/api/v1/certificates/" + serials_.at("acme-it")).json()["status"];
  EXPECT_EQ(still_valid, "valid");
  auto rotate = as_root("POST", "/api/v1/endpoints/general/accounts/acme-it/rotate-code",
                        {{"code", nullptr}});
  EXPECT_EQ(rotate.response.status, 400u);
  EXPECT_EQ(rotate.json()["errors"][0]["field"], "code");
  EXPECT_EQ(as_root("POST", "/api/v1/endpoints/general/accounts/acme-it/rotate-code",
                    {{"access_code", nullptr}})
                .response.status,
            200u);

  const auto delegation = as_root("GET", "/api/v1/endpoints/general/delegation").json();
  auto target = as_root("PUT", "/api/v1/endpoints/general/delegation",
                        {{"mode", "customized"}, {"target", {{{"organization", "Acme"}}}}});
  EXPECT_EQ(target.response.status, 400u);
  EXPECT_EQ(target.json()["errors"][0]["field"], "target");
  EXPECT_EQ(as_root("GET", "/api/v1/endpoints/general/delegation").json(), delegation);
}

// The router answers some requests before the API sees them: under /api in the API's form.
TEST_F(RestApiTest, TheRoutersOwnRefusalsUnderApiAreProblemDetails) {
  auto unrouted = as_root("GET", "/api/v2/endpoints");
  EXPECT_EQ(unrouted.response.status, 404u);
  EXPECT_EQ(unrouted.response.content_type, "application/problem+json");
  EXPECT_EQ(unrouted.code(), "not_found");

  auto no_method = as_root("OPTIONS", "/api/v1/endpoints");
  EXPECT_EQ(no_method.response.status, 405u);
  EXPECT_EQ(no_method.response.content_type, "application/problem+json");
  EXPECT_EQ(no_method.code(), "method_not_allowed");
  EXPECT_EQ(no_method.json()["status"], 405);
  auto allow = std::ranges::find(no_method.response.headers, "Allow", &Header::name);
  ASSERT_NE(allow, no_method.response.headers.end());
  EXPECT_NE(allow->value.find("PATCH"), std::string::npos) << allow->value;

  router_.require_tls("/api");
  auto plain = as_root("GET", "/api/v1/endpoints");
  EXPECT_EQ(plain.response.status, 403u);
  EXPECT_EQ(plain.response.content_type, "application/problem+json");
  EXPECT_EQ(plain.code(), "forbidden");
  EXPECT_EQ(plain.json()["detail"], "HTTPS required");

  // Outside /api the router's answers stay what SCEP clients and browsers expect.
  auto elsewhere = as_root("GET", "/nothing");
  EXPECT_EQ(elsewhere.response.status, 404u);
  EXPECT_EQ(elsewhere.response.content_type, "text/plain");
  EXPECT_EQ(as_root("GET", "/apix").response.content_type, "text/plain");
}

TEST_F(RestApiTest, ListsFilterSortAndPage) {
  auto page = as_root("GET", "/api/v1/endpoints?sort=-uri_extension&limit=2&offset=1").json();
  EXPECT_EQ(page["total"], 5);
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["uri_extension"], "it-only");
  EXPECT_EQ(page["items"][1]["uri_extension"], "hr-only");
  auto filtered = as_root("GET", "/api/v1/endpoints?delegation=general").json();
  ASSERT_EQ(filtered["items"].size(), 1u);
  EXPECT_EQ(filtered["items"][0]["uri_extension"], "general");
  auto departments = as_root("GET", "/api/v1/departments?organization=Acme&sort=name").json();
  ASSERT_EQ(departments["items"].size(), 2u);
  EXPECT_EQ(departments["items"][0]["name"], "HR");
}

TEST_F(RestApiTest, ChangesAreAuditedWithAdminAndClientAddress) {
  ASSERT_EQ(as_root("POST", "/api/v1/organizations", {{"name", "Globex"}}).response.status, 201u);
  auto events = as_root("GET", "/api/v1/audit-events?action=organization.").json()["items"];
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0]["actor"], "admin:root");
  EXPECT_EQ(events[0]["source"], "198.51.100.7");
  EXPECT_EQ(events[0]["target"], "organization:Globex");
  EXPECT_TRUE(events[0]["before"].is_null());
  EXPECT_EQ(events[0]["after"]["name"], "Globex");
  auto by_actor = as_root("GET", "/api/v1/audit-events?actor=admin:nobody").json()["items"];
  EXPECT_TRUE(by_actor.empty());
}

TEST_F(RestApiTest, AccessCodesAreShownOnlyOnCreateAndRotate) {
  auto created = as_root(
      "POST", "/api/v1/endpoints/general/accounts",
      {{"name", "kiosk"}, {"organization", "Acme"}, {"department", "IT"}, {"profile", "clients"}});
  ASSERT_EQ(created.response.status, 201u) << created.response.body;
  const auto code = created.json()["access_code"].get<std::string>();
  EXPECT_FALSE(code.empty());
  auto listed = as_root("GET", "/api/v1/endpoints/general/accounts?name=kiosk");
  EXPECT_EQ(listed.response.body.find(code), std::string::npos);
  EXPECT_FALSE(listed.json()["items"][0].contains("access_code"));
  auto rotated = as_root("POST", "/api/v1/endpoints/general/accounts/kiosk/rotate-code");
  EXPECT_NE(rotated.json()["access_code"], code);
  for (const auto& event : audit_events()) {
    EXPECT_EQ(event.after.find(code), std::string::npos);
  }
}

TEST_F(RestApiTest, CertificatesAreSearchedDownloadedAndRevoked) {
  const auto serial = serials_.at("acme-hr");
  auto by_serial = as_root("GET", "/api/v1/certificates?serial=" + serial).json()["items"];
  ASSERT_EQ(by_serial.size(), 1u);
  EXPECT_EQ(by_serial[0]["account"], "acme-hr");
  auto by_subject = as_root("GET", "/api/v1/certificates?subject=issued-other").json()["items"];
  ASSERT_EQ(by_subject.size(), 1u);
  auto by_account =
      as_root("GET", "/api/v1/certificates?endpoint=general&account=acme-it").json()["items"];
  ASSERT_EQ(by_account.size(), 1u);
  EXPECT_TRUE(
      as_root("GET", "/api/v1/certificates?expires_before=2000-01-01").json()["items"].empty());
  EXPECT_EQ(as_root("GET", "/api/v1/certificates?expires_after=2000-01-01T00:00:00Z")
                .json()["items"]
                .size(),
            3u);
  EXPECT_EQ(as_root("GET", "/api/v1/certificates?expires_after=soon").response.status, 422u);

  auto pem = as_root("GET", "/api/v1/certificates/" + serial + "/download");
  EXPECT_EQ(pem.response.content_type, "application/x-pem-file");
  EXPECT_TRUE(pem.response.body.starts_with("-----BEGIN CERTIFICATE-----"));
  auto der = as_root("GET", "/api/v1/certificates/" + serial + "/download?format=der");
  EXPECT_EQ(der.response.content_type, "application/pkix-cert");
  EXPECT_EQ(static_cast<unsigned char>(der.response.body[0]), 0x30);
  auto chain = as_root("GET", "/api/v1/certificates/" + serial + "/download?format=chain");
  std::size_t blocks = 0;
  for (auto at = chain.response.body.find("BEGIN CERTIFICATE"); at != std::string::npos;
       at = chain.response.body.find("BEGIN CERTIFICATE", at + 1)) {
    ++blocks;
  }
  EXPECT_EQ(blocks, 3u);  // leaf, issuing CA, root

  auto revoked =
      as_root("POST", "/api/v1/certificates/" + serial + "/revoke", {{"reason", "keyCompromise"}});
  ASSERT_EQ(revoked.response.status, 200u) << revoked.response.body;
  EXPECT_EQ(revoked.json()["status"], "revoked");
  EXPECT_EQ(revoked.json()["revocation_reason"], "keyCompromise");
  auto again = as_root("POST", "/api/v1/certificates/" + serial + "/revoke");
  EXPECT_EQ(again.response.status, 409u);
  auto bad_reason = as_root("POST", "/api/v1/certificates/" + serials_.at("acme-it") + "/revoke",
                            {{"reason", "bored"}});
  EXPECT_EQ(bad_reason.json()["errors"][0]["field"], "reason");

  const auto held = "/api/v1/certificates/" + serials_.at("acme-it");
  ASSERT_EQ(as_root("POST", held + "/revoke", {{"reason", "certificateHold"}}).response.status,
            200u);
  auto released = as_root("POST", held + "/release");
  ASSERT_EQ(released.response.status, 200u) << released.response.body;
  EXPECT_EQ(released.json()["status"], "valid");
  EXPECT_EQ(as_root("POST", held + "/release").response.status, 409u);
  EXPECT_EQ(as_root("POST", "/api/v1/certificates/" + serial + "/release").response.status, 409u);
  // A route without a body takes "{}" as none, and refuses anything more.
  EXPECT_EQ(as_root("POST", held + "/release", nlohmann::json::object()).response.status, 409u);
  auto with_body = as_root("POST", held + "/release", {{"reason", "x"}});
  EXPECT_EQ(with_body.response.status, 400u);
  EXPECT_EQ(with_body.json()["detail"], "this route takes no body");
  auto crl = as_root("GET", "/api/v1/crl?format=der");
  EXPECT_EQ(crl.response.content_type, "application/pkix-crl");
}

TEST_F(RestApiTest, DelegationRoundTripsAndIsValidated) {
  // The endpoint has Acme's accounts: a delegation that leaves them out is refused.
  auto stranding = as_root("PUT", "/api/v1/endpoints/general/delegation",
                           {{"mode", "customized"},
                            {"targets", {{{"organization", "Other"}, {"department", "Sales"}}}}});
  EXPECT_EQ(stranding.response.status, 409u) << stranding.response.body;
  auto set = as_root(
      "PUT", "/api/v1/endpoints/general/delegation",
      {{"mode", "customized"},
       {"targets",
        {{{"organization", "Other"}, {"department", "Sales"}}, {{"organization", "Acme"}}}}});
  ASSERT_EQ(set.response.status, 200u) << set.response.body;
  auto shown = as_root("GET", "/api/v1/endpoints/general/delegation").json();
  EXPECT_EQ(shown["mode"], "customized");
  EXPECT_EQ(shown["targets"].size(), 2u);
  EXPECT_EQ(as_root("GET", "/api/v1/endpoints/general").json()["delegation"], "customized");
  auto empty = as_root("PUT", "/api/v1/endpoints/general/delegation", {{"mode", "customized"}});
  EXPECT_EQ(empty.json()["errors"][0]["field"], "targets");
  auto unknown = as_root("PUT", "/api/v1/endpoints/general/delegation",
                         {{"mode", "customized"}, {"targets", {{{"organization", "Nope"}}}}});
  EXPECT_EQ(unknown.response.status, 404u);
  auto misspelt = as_root(
      "PUT", "/api/v1/endpoints/general/delegation",
      {{"mode", "customized"}, {"targets", {{{"organization", "Acme"}, {"departmnet", "Sales"}}}}});
  EXPECT_EQ(misspelt.response.status, 400u);
  EXPECT_EQ(misspelt.json()["errors"][0]["field"], "departmnet");
  EXPECT_EQ(as_root("GET", "/api/v1/endpoints/general/delegation").json()["targets"].size(), 2u);
}

TEST_F(RestApiTest, RaCertificatesAreIssuedDownloadedAndImportChecked) {
  auto issued = as_root("POST", "/api/v1/ra-certificates", {{"name", "ra-two"}});
  ASSERT_EQ(issued.response.status, 201u) << issued.response.body;
  auto der = as_root("GET", "/api/v1/ra-certificates/ra-two/certificate?format=der");
  EXPECT_EQ(der.response.content_type, "application/pkix-cert");
  auto pem = as_root("GET", "/api/v1/ra-certificates/ra-two/certificate");
  ASSERT_TRUE(pem.response.body.starts_with("-----BEGIN CERTIFICATE-----"));
  auto wrong_key = crypto::PrivateKey::generate({crypto::KeyType::rsa, 2048});
  ASSERT_TRUE(wrong_key);
  auto mismatch = as_root("POST", "/api/v1/ra-certificates/import",
                          {{"name", "imported"},
                           {"certificate_pem", pem.response.body},
                           {"key_pem", *wrong_key->to_pem()}});
  EXPECT_EQ(mismatch.response.status, 422u);
  EXPECT_EQ(mismatch.json()["errors"][0]["field"], "key");
  auto garbage = as_root("POST", "/api/v1/ra-certificates/import",
                         {{"name", "imported"}, {"certificate_pem", "x"}, {"key_pem", "y"}});
  EXPECT_EQ(garbage.json()["errors"][0]["field"], "certificate");
}

TEST_F(RestApiTest, AdminsAndTokensAreManagedThroughTheApi) {
  auto created = as_root("POST", "/api/v1/admins",
                         {{"name", "olga"}, {"role", "rao"}, {"organization", "Other"}});
  ASSERT_EQ(created.response.status, 201u) << created.response.body;
  const auto olga_token = created.json()["api_token"].get<std::string>();
  auto own = call("POST", "/api/v1/api-tokens", olga_token, {{"name", "ci"}, {"days", 7}});
  ASSERT_EQ(own.response.status, 201u) << own.response.body;
  EXPECT_TRUE(own.json()["token"].get<std::string>().starts_with("sct_"));
  auto listed = call("GET", "/api/v1/api-tokens", olga_token).json();
  EXPECT_EQ(listed["total"], 2);
  auto too_long = call("POST", "/api/v1/api-tokens", olga_token, {{"name", "x"}, {"days", 99999}});
  EXPECT_EQ(too_long.json()["errors"][0]["field"], "days");
}

TEST_F(RestApiTest, TextThatIsNotUtf8IsABadRequestProblem) {
  auto not_utf8 = [](const Reply& reply, const std::string& target) {
    EXPECT_EQ(reply.response.status, 400u) << target;
    EXPECT_EQ(reply.response.content_type, "application/problem+json") << target;
    EXPECT_EQ(reply.code(), "bad_request") << target;
    EXPECT_NE(reply.json().value("detail", "").find("UTF-8"), std::string::npos) << target;
  };
  for (std::string target : {"/api/v1/endpoints/%FF", "/api/v1/profiles/%C3%28",
                             "/api/v1/endpoints?%FF=1", "/api/v1/endpoints?name=%ED%A0%80"}) {
    not_utf8(as_root("GET", target), target);
  }
  // Before any authentication: logging in reads the query too.
  not_utf8(call("POST", "/api/v1/sessions?%FF=1", "", {{"username", "x"}, {"password", "y"}}),
           "/api/v1/sessions?%FF=1");
}

// The second line of defence: text that is not UTF-8 is replaced in an answer, not thrown on.
TEST_F(RestApiTest, AnswersCarryingTextThatIsNotUtf8AreStillJson) {
  auto problem = problem_response(make_error(ErrorCategory::not_found, "no endpoint 'a\xFF'"));
  EXPECT_EQ(problem.status, 404u);
  EXPECT_EQ(nlohmann::json::parse(problem.body)["detail"], "no endpoint 'a\xEF\xBF\xBD'");
  auto answer = json_response(200, {{"name", "\xC3\x28"}});
  EXPECT_EQ(nlohmann::json::parse(answer.body)["name"], "\xEF\xBF\xBD(");
}

TEST_F(RestApiTest, IntegersBeyondInt32AreRefusedNotWrapped) {
  for (const auto& terms :
       {nlohmann::json::array({4294967661LL}), nlohmann::json::array({30, -4294967296LL}),
        nlohmann::json::array({18446744073709551615ULL})}) {
    auto reply = as_root("POST", "/api/v1/profiles",
                         {{"name", "wrapped"}, {"cert_type", "client"}, {"terms_days", terms}});
    EXPECT_EQ(reply.response.status, 422u) << terms;
    EXPECT_EQ(reply.json()["errors"][0]["field"], "terms_days") << terms;
  }
  auto single = as_root(
      "POST", "/api/v1/profiles",
      {{"name", "wrapped"}, {"cert_type", "client"}, {"min_rsa_bits", 18446744073709551615ULL}});
  EXPECT_EQ(single.response.status, 422u);
  EXPECT_EQ(single.json()["errors"][0]["field"], "min_rsa_bits");
  EXPECT_EQ(as_root("GET", "/api/v1/profiles/wrapped").response.status, 404u);
  auto fits = as_root("POST", "/api/v1/profiles",
                      {{"name", "fits"}, {"cert_type", "client"}, {"terms_days", {30, 365}}});
  ASSERT_EQ(fits.response.status, 201u) << fits.response.body;
  EXPECT_EQ(fits.json()["terms_days"], nlohmann::json::array({30, 365}));
}

// Some answers carry a token, a password or an access code; none may be kept by a cache.
TEST_F(RestApiTest, EveryApiAnswerForbidsStoring) {
  auto no_store = [](const Reply& reply) {
    return std::ranges::any_of(reply.response.headers, [](const Header& header) {
      return header.name == "Cache-Control" && header.value == "no-store";
    });
  };
  auto login =
      call("POST", "/api/v1/sessions", "", {{"username", "root"}, {"password", mrao_.password}});
  ASSERT_EQ(login.response.status, 201u) << login.response.body;
  EXPECT_TRUE(no_store(login));
  EXPECT_TRUE(no_store(as_root("POST", "/api/v1/endpoints/general/accounts/acme-it/rotate-code")));
  EXPECT_TRUE(no_store(as_root("POST", "/api/v1/admins",
                               {{"name", "olga"}, {"role", "rao"}, {"organization", "Other"}})));
  EXPECT_TRUE(no_store(as_root("GET", "/api/v1/endpoints")));
  EXPECT_TRUE(no_store(as_root("GET", "/api/v1/nothing")));
  EXPECT_TRUE(no_store(call("GET", "/api/v1/endpoints", "")));
}

TEST_F(RestApiTest, ErrorsTheSessionAnswersAreProblemDetailsToo) {
  for (auto [status, code] : {std::pair{413u, "too_large"}, std::pair{500u, "internal_error"}}) {
    Reply reply{router_.error_answer("/api/v1/profiles", text_response(status, "what happened"))};
    EXPECT_EQ(reply.response.status, status);
    EXPECT_EQ(reply.response.content_type, "application/problem+json");
    EXPECT_EQ(reply.code(), code);
    EXPECT_EQ(reply.json()["status"], status);
    EXPECT_EQ(reply.json()["detail"], "what happened");
    ASSERT_FALSE(reply.response.headers.empty());
    EXPECT_EQ(reply.response.headers.back().value, "no-store");
  }
  EXPECT_EQ(router_.error_answer("/scep/demo", text_response(413, "x")).content_type, "text/plain");
}

}  // namespace
}  // namespace scepter::http
