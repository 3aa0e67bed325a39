#include "http/scep_routes.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/codec.hpp"
#include "http/fake_scep_service.hpp"

namespace scepter::http {
namespace {

using testing::FakeScepService;

// DER-looking bytes whose base64 holds both '+' and '/': 0xFB 0xFF 0xBF, aligned, is "+/+/".
const Bytes kPkiMessage = {0x30, 0x06, 0x00, 0xFB, 0xFF, 0xBF, 0x0D, 0x0A};

class ScepRoutes : public ::testing::Test {
 protected:
  ScepRoutes() { add_scep_routes(router_, service_); }

  Response get(std::string path, std::string query) {
    return router_.dispatch(Request{"GET", std::move(path), std::move(query), {}, "192.0.2.7"});
  }
  Response post(std::string path, std::string query, std::string body) {
    return router_.dispatch(
        Request{"POST", std::move(path), std::move(query), std::move(body), "192.0.2.7"});
  }
  void fail_with(ErrorCategory category, std::string client_text, std::string log_text = {}) {
    service_.answer_with([=](const scep::Request&, scep::Outcome&) -> Result<scep::Response> {
      return fail(category, client_text, log_text);
    });
  }

  FakeScepService service_;
  Router router_;
};

TEST_F(ScepRoutes, GetCaCapsReachesTheServiceWithEndpointAndMessage) {
  auto response = get("/scep/demo/pkiclient.exe", "operation=GetCACaps&message=My%20CA");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.content_type, "application/x-pki-message");
  EXPECT_EQ(response.body, "reply");
  auto requests = service_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].endpoint, "demo");
  EXPECT_EQ(requests[0].operation, scep::Operation::get_ca_caps);
  EXPECT_EQ(requests[0].message, "My CA");
  EXPECT_TRUE(requests[0].pki_message.empty());
  EXPECT_EQ(requests[0].client_address, "192.0.2.7");
}

TEST_F(ScepRoutes, AnySubPathAndNoSubPathNameTheSameEndpoint) {
  for (auto path : {"/scep/demo", "/scep/demo/", "/scep/demo/pkiclient.exe",
                    "/scep/demo/cgi-bin/pkiclient.exe"}) {
    EXPECT_EQ(get(path, "operation=GetCACert").status, 200u) << path;
  }
  for (const auto& request : service_.requests()) {
    EXPECT_EQ(request.endpoint, "demo");
    EXPECT_EQ(request.operation, scep::Operation::get_ca_cert);
    EXPECT_EQ(request.message, "");
  }
}

TEST_F(ScepRoutes, TextMessageIsFormDecoded) {
  get("/scep/demo", "message=ca+one%2C2&operation=GetNextCACert");
  ASSERT_EQ(service_.requests().size(), 1u);
  EXPECT_EQ(service_.requests()[0].operation, scep::Operation::get_next_ca_cert);
  EXPECT_EQ(service_.requests()[0].message, "ca one,2");
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-4.1
// Escaped or not, the base64 of a GET PKIOperation decodes to the same DER.
TEST_F(ScepRoutes, GetPkiOperationAcceptsEscapedAndUnescapedBase64) {
  auto base64 = base64_encode(kPkiMessage);
  ASSERT_NE(base64.find('+'), std::string::npos);
  ASSERT_NE(base64.find('/'), std::string::npos);
  EXPECT_EQ(get("/scep/demo/pkiclient.exe", "operation=PKIOperation&message=" + base64).status,
            200u);
  EXPECT_EQ(get("/scep/demo/pkiclient.exe", "operation=PKIOperation&message=" + url_encode(base64))
                .status,
            200u);
  auto requests = service_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].operation, scep::Operation::pki_operation);
  EXPECT_EQ(requests[0].pki_message, kPkiMessage);
  EXPECT_EQ(requests[1].pki_message, kPkiMessage);
}

TEST_F(ScepRoutes, GetPkiOperationWithBadBase64Is400) {
  auto response = get("/scep/demo", "operation=PKIOperation&message=MIIB*wrong");
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(response.content_type, "text/plain");
  EXPECT_EQ(get("/scep/demo", "operation=PKIOperation&message=%zz").status, 400u);
  EXPECT_EQ(get("/scep/demo", "operation=PKIOperation").status, 400u);
  EXPECT_EQ(get("/scep/demo", "operation=PKIOperation&message=").status, 400u);
  EXPECT_TRUE(service_.requests().empty());
}

TEST_F(ScepRoutes, PostedDerIsPassedThroughUntouched) {
  std::string body(as_chars(kPkiMessage));
  EXPECT_EQ(post("/scep/demo/pkiclient.exe", "operation=PKIOperation", body).status, 200u);
  ASSERT_EQ(service_.requests().size(), 1u);
  EXPECT_EQ(service_.requests()[0].pki_message, kPkiMessage);
}

TEST_F(ScepRoutes, PostedBase64IsDecoded) {
  auto body = base64_encode(kPkiMessage) + "\r\n";
  EXPECT_EQ(post("/scep/demo", "operation=PKIOperation", body).status, 200u);
  ASSERT_EQ(service_.requests().size(), 1u);
  EXPECT_EQ(service_.requests()[0].pki_message, kPkiMessage);
}

TEST_F(ScepRoutes, PostedBodyThatIsNeitherDerNorBase64Is400) {
  EXPECT_EQ(post("/scep/demo", "operation=PKIOperation", "not *a* message").status, 400u);
  EXPECT_EQ(post("/scep/demo", "operation=PKIOperation", "").status, 400u);
  EXPECT_TRUE(service_.requests().empty());
}

TEST_F(ScepRoutes, OnlyPkiOperationMayBePosted) {
  EXPECT_EQ(post("/scep/demo", "operation=GetCACaps", "").status, 400u);
  EXPECT_TRUE(service_.requests().empty());
}

TEST_F(ScepRoutes, UnknownOrMissingOperationIs400) {
  for (auto query : {"operation=GetCaCaps", "operation=", "", "message=x", "operation=PKI"}) {
    auto response = get("/scep/demo", query);
    EXPECT_EQ(response.status, 400u) << query;
    EXPECT_EQ(response.body, "unknown operation") << query;
  }
  EXPECT_TRUE(service_.requests().empty());
}

TEST_F(ScepRoutes, MissingOrUnsafeUriExtensionIs404) {
  for (auto path : {"/scep", "/scep/", "/scep//pkiclient.exe", "/scep/de%20mo", "/scep/d%2Fe",
                    "/scep/a:b/pkiclient.exe"}) {
    EXPECT_EQ(get(path, "operation=GetCACaps").status, 404u) << path;
  }
  EXPECT_TRUE(service_.requests().empty());
}

TEST_F(ScepRoutes, UrlSafeCharactersAreAccepted) {
  EXPECT_EQ(get("/scep/Dept-1.a_b~c", "operation=GetCACaps").status, 200u);
  ASSERT_EQ(service_.requests().size(), 1u);
  EXPECT_EQ(service_.requests()[0].endpoint, "Dept-1.a_b~c");
}

TEST_F(ScepRoutes, ServiceErrorsMapToHttpStatus) {
  struct Case {
    ErrorCategory category;
    unsigned status;
  };
  for (auto [category, status] :
       {Case{ErrorCategory::not_found, 404}, Case{ErrorCategory::too_large, 413},
        Case{ErrorCategory::bad_request, 400}, Case{ErrorCategory::bad_message_check, 400},
        Case{ErrorCategory::bad_alg, 400}, Case{ErrorCategory::bad_time, 400},
        Case{ErrorCategory::bad_cert_id, 400}, Case{ErrorCategory::unauthorized, 400},
        Case{ErrorCategory::unavailable, 503}, Case{ErrorCategory::throttled, 429},
        Case{ErrorCategory::store, 500}, Case{ErrorCategory::crypto, 500},
        Case{ErrorCategory::internal, 500}}) {
    fail_with(category, "short reason");
    auto response = get("/scep/demo", "operation=GetCACert");
    EXPECT_EQ(response.status, status) << to_string(category);
    EXPECT_EQ(response.content_type, "text/plain");
    EXPECT_EQ(response.body, status == 500 ? "internal error" : "short reason")
        << to_string(category);
  }
}

TEST_F(ScepRoutes, AnUnavailableServiceAsksTheClientToRetry) {
  fail_with(ErrorCategory::unavailable, "service unavailable; retry later");
  auto response = post("/scep/demo/pkiclient.exe", "operation=PKIOperation",
                       std::string(as_chars(kPkiMessage)));
  EXPECT_EQ(response.status, 503u);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].name, "Retry-After");
  EXPECT_EQ(response.headers[0].value, "10");
}

TEST_F(ScepRoutes, UnknownEndpointFromServiceIs404WithItsReason) {
  fail_with(ErrorCategory::not_found, "unknown endpoint");
  auto response = get("/scep/nosuch/pkiclient.exe", "operation=GetCACaps");
  EXPECT_EQ(response.status, 404u);
  EXPECT_EQ(response.body, "unknown endpoint");
}

TEST_F(ScepRoutes, InternalErrorTextStaysInTheLog) {
  fail_with(ErrorCategory::crypto, "signing failed", "EVP_PKEY_sign: key gone");
  ::testing::internal::CaptureStderr();
  auto response = get("/scep/demo", "operation=GetCACert");
  auto logged = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(response.status, 500u);
  EXPECT_EQ(response.body.find("EVP"), std::string::npos);
  EXPECT_NE(logged.find("EVP_PKEY_sign: key gone"), std::string::npos) << logged;
}

TEST_F(ScepRoutes, LogsOneLineWithTheOutcomeAndNeverTheMessage) {
  service_.answer_with([](const scep::Request&, scep::Outcome& outcome) -> Result<scep::Response> {
    outcome.message_type = "PKCSReq";
    outcome.transaction_id = "tx-42";
    outcome.status = "FAILURE";
    outcome.fail_info = "badRequest";
    outcome.reason = "challenge mismatch";
    return scep::Response{"application/x-pki-message", to_bytes("certrep")};
  });
  auto secret = base64_encode(to_bytes("0\x05SECRETCHALLENGE"));
  ::testing::internal::CaptureStderr();
  get("/scep/demo/pkiclient.exe", "operation=PKIOperation&message=" + url_encode(secret));
  auto logged = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(std::count(logged.begin(), logged.end(), '\n'), 1) << logged;
  for (auto expected :
       {"scep", "endpoint=demo", "operation=PKIOperation", "message_type=PKCSReq",
        "transaction_id=tx-42", "status=FAILURE", "fail_info=badRequest",
        "reason=\"challenge mismatch\"", "http_status=200", "duration_ms=", "client=192.0.2.7"}) {
    EXPECT_NE(logged.find(expected), std::string::npos) << expected << " in " << logged;
  }
  EXPECT_EQ(logged.find(url_encode(secret)), std::string::npos);
  EXPECT_EQ(logged.find(secret.substr(0, 8)), std::string::npos);
}

TEST_F(ScepRoutes, RejectedRequestsAreLoggedToo) {
  ::testing::internal::CaptureStderr();
  get("/scep/demo", "operation=Bogus");
  auto logged = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(logged.find("http_status=400"), std::string::npos) << logged;
  EXPECT_NE(logged.find("reason=\"unknown operation\""), std::string::npos) << logged;
}

// A path segment becomes the endpoint label only once the service has resolved it: whatever a
// client sends to a request refused before the lookup, or to a refused endpoint, is "_unknown".
TEST(ScepRouteMetrics, OnlyResolvedEndpointsBecomeLabels) {
  using ::testing::HasSubstr;
  using ::testing::Not;
  FakeScepService service;
  service.answer_with([](const scep::Request& request, scep::Outcome&) -> Result<scep::Response> {
    if (request.endpoint != "demo") return fail(ErrorCategory::not_found, "unknown endpoint");
    if (!request.message.empty()) return fail(ErrorCategory::bad_request, "no such CA");
    return scep::Response{"text/plain", to_bytes("caps")};
  });
  MetricsRegistry registry;
  ScepMetrics metrics(registry);
  Router router;
  add_scep_routes(router, service, &metrics);
  auto get = [&](std::string path, std::string query) {
    return router.dispatch(Request{"GET", std::move(path), std::move(query), {}, "192.0.2.7"});
  };
  EXPECT_EQ(get("/scep/attackerlabel1", "operation=Bogus").status, 400u);
  EXPECT_EQ(get("/scep/attackerlabel2", "operation=PKIOperation&message=%%").status, 400u);
  EXPECT_EQ(get("/scep/attackerlabel3", "operation=GetCACaps").status, 404u);
  EXPECT_EQ(get("/scep/demo", "operation=GetCACaps").status, 200u);
  EXPECT_EQ(get("/scep/demo", "operation=GetCACaps&message=other").status, 400u);
  auto out = registry.render();
  EXPECT_THAT(out, Not(HasSubstr("attackerlabel")));
  EXPECT_THAT(out, HasSubstr("operation=\"_unknown\",message_type=\"\",endpoint=\"_unknown\","
                             "http_status=\"400\""));
  EXPECT_THAT(out, HasSubstr("operation=\"PKIOperation\",message_type=\"\","
                             "endpoint=\"_unknown\",http_status=\"400\""));
  EXPECT_THAT(out, HasSubstr("endpoint=\"_unknown\",http_status=\"404\""));
  EXPECT_THAT(out, HasSubstr("endpoint=\"demo\",http_status=\"200\""));
  EXPECT_THAT(out, HasSubstr("endpoint=\"demo\",http_status=\"400\""));
}

}  // namespace
}  // namespace scepter::http
