// The HTTPS side of Intune against a loopback fake with real TLS: tokens, discovery, the SCEP
// validation calls and every way they fail.

#include "intune/intune_client.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "intune/connection_test.hpp"
#include "intune/fake/fake_intune.hpp"

namespace scepter::intune {
namespace {

using nlohmann::json;
using testing::FakeIntune;

class IntuneClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(crypto::initialize());
    fake_ = new FakeIntune();
  }
  static void TearDownTestSuite() {
    delete fake_;
    fake_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(fake_->running()) << "fake_intune.py did not start";
    fake_->reset();
  }

  static std::unique_ptr<IntuneClient> client(
      std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    auto account = fake_->account();
    return std::make_unique<IntuneClient>(
        credentials_of(account, FakeIntune::kSecret),
        HttpsOptions{.timeout = timeout, .extra_trust_pem = account.trust_ca_pem},
        "scepter-test/1.0");
  }

  const Bytes csr_{0x30, 0x03, 0x02, 0x01, 0x05};
  static FakeIntune* fake_;
};
FakeIntune* IntuneClientTest::fake_ = nullptr;

TEST_F(IntuneClientTest, ConnectionTestPassesEveryStep) {
  auto report = test_connection(fake_->account(), FakeIntune::kSecret);
  ASSERT_EQ(report.steps.size(), 3u);
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(report.steps[0].name, "graph-token");
  EXPECT_EQ(report.steps[1].name, "discovery");
  EXPECT_EQ(report.steps[2].name, "intune-token");
  EXPECT_NE(report.steps[1].detail.find(fake_->base_url() + "/scep"), std::string::npos);
}

TEST_F(IntuneClientTest, ConnectionTestStopsAtABadSecretWithoutShowingIt) {
  auto report = test_connection(fake_->account(), "wrong-secret-value");
  EXPECT_FALSE(report.ok);
  ASSERT_EQ(report.steps.size(), 1u);
  EXPECT_FALSE(report.steps[0].ok);
  EXPECT_NE(report.steps[0].detail.find("AADSTS7000215"), std::string::npos);
  EXPECT_EQ(report.steps[0].detail.find("wrong-secret-value"), std::string::npos);
  EXPECT_EQ(report.steps[0].detail.find("Trace ID"), std::string::npos);
}

TEST_F(IntuneClientTest, ConnectionTestNamesMissingPermissionsAndLicences) {
  fake_->configure({{"discovery_status", 403}});
  auto forbidden = test_connection(fake_->account(), FakeIntune::kSecret);
  ASSERT_EQ(forbidden.steps.size(), 2u);
  EXPECT_FALSE(forbidden.ok);
  EXPECT_NE(forbidden.steps[1].detail.find("permission"), std::string::npos);

  fake_->configure(
      {{"discovery_status", 200}, {"missing_services", {"ScepRequestValidationFEService"}}});
  auto missing = test_connection(fake_->account(), FakeIntune::kSecret);
  ASSERT_EQ(missing.steps.size(), 2u);
  EXPECT_NE(missing.steps[1].detail.find("ScepRequestValidationFEService"), std::string::npos);
  EXPECT_NE(missing.steps[1].detail.find("license"), std::string::npos);
}

TEST_F(IntuneClientTest, ConnectionTestRefusesAnUntrustedServer) {
  auto account = fake_->account();
  account.trust_ca_pem.clear();
  auto report = test_connection(account, FakeIntune::kSecret);
  EXPECT_FALSE(report.ok);
  ASSERT_EQ(report.steps.size(), 1u);
  EXPECT_NE(report.steps[0].detail.find("cannot reach 127.0.0.1"), std::string::npos);
  EXPECT_EQ(fake_->token_requests(), 0);
}

TEST_F(IntuneClientTest, ValidateRequestSendsTheContract) {
  fake_->configure({{"validation", "Success"}});
  auto intune = client();
  ASSERT_TRUE(intune->validate_request("tx-1", csr_));

  auto calls = fake_->calls("validateRequest");
  ASSERT_EQ(calls.size(), 1u);
  const auto& headers = calls[0]["headers"];
  EXPECT_EQ(headers["api-version"], "2018-02-20");
  EXPECT_EQ(headers["UserAgent"], "scepter-test/1.0");
  EXPECT_EQ(headers["Content-Type"], "application/json");
  EXPECT_TRUE(headers["has_bearer"].get<bool>());
  EXPECT_TRUE(std::regex_match(headers["client-request-id"].get<std::string>(),
                               std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                          "[0-9a-f]{12}")));
  const auto& request = calls[0]["body"]["request"];
  EXPECT_EQ(request["transactionId"], "tx-1");
  EXPECT_EQ(request["certificateRequest"], "MAMCAQU=");
  EXPECT_EQ(request["callerInfo"], "scepter-test/1.0");
}

TEST_F(IntuneClientTest, OnlySuccessPasses) {
  fake_->configure({{"validation", "ChallengeExpired"}});
  auto refused = client()->validate_request("tx-2", csr_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().category, ErrorCategory::unauthorized);
  EXPECT_EQ(refused.error().client_text, "Intune refused the request: ChallengeExpired");

  fake_->configure({{"validation", "success"}});
  EXPECT_FALSE(client()->validate_request("tx-3", csr_)) << "codes are case-sensitive";
}

TEST_F(IntuneClientTest, HttpErrorsFailAndRediscover) {
  fake_->configure({{"validation", "Success"}, {"status", {{"validateRequest", 500}}}});
  auto intune = client();
  auto failed = intune->validate_request("tx-4", csr_);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().category, ErrorCategory::unavailable);
  EXPECT_NE(failed.error().client_text.find("HTTP 500"), std::string::npos);

  fake_->configure({{"status", json::object()}});
  EXPECT_TRUE(intune->validate_request("tx-4", csr_));
  EXPECT_EQ(fake_->calls("discovery").size(), 2u) << "a failed call asks discovery again";
}

TEST_F(IntuneClientTest, SlowIntuneTimesOut) {
  fake_->configure({{"validation", "Success"}, {"delay", {{"validateRequest", 3}}}});
  auto started = std::chrono::steady_clock::now();
  auto failed = client(std::chrono::milliseconds(700))->validate_request("tx-5", csr_);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().category, ErrorCategory::unavailable);
  EXPECT_NE(failed.error().client_text.find("did not answer in time"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
}

TEST_F(IntuneClientTest, TokensAreCachedAndRenewedAfter401) {
  fake_->configure({{"validation", "Success"}});
  auto intune = client();
  ASSERT_TRUE(intune->validate_request("tx-6", csr_));
  ASSERT_TRUE(intune->validate_request("tx-7", csr_));
  EXPECT_EQ(fake_->token_requests(), 2) << "one Graph token, one Intune token";

  fake_->configure({{"unauthorized_once", {"validateRequest"}}});
  ASSERT_TRUE(intune->validate_request("tx-8", csr_));
  EXPECT_EQ(fake_->token_requests(), 3) << "the refused Intune token was replaced";
  EXPECT_EQ(fake_->calls("validateRequest").size(), 4u);
}

TEST_F(IntuneClientTest, ExpiringTokensAreNotReused) {
  fake_->configure({{"validation", "Success"}, {"expires_in", 60}});
  auto intune = client();
  ASSERT_TRUE(intune->validate_request("tx-9", csr_));
  ASSERT_TRUE(intune->validate_request("tx-10", csr_));
  // Graph's token served the one discovery; the Intune token, within the renewal margin, is
  // fetched for each call.
  EXPECT_EQ(fake_->token_requests(), 3);
}

TEST_F(IntuneClientTest, MissingServiceIsAClearError) {
  fake_->configure({{"missing_services", {"ScepRequestValidationFEService"}}});
  auto failed = client()->validate_request("tx-11", csr_);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().category, ErrorCategory::not_found);
  EXPECT_NE(failed.error().client_text.find("Intune license"), std::string::npos);
  EXPECT_TRUE(fake_->calls("validateRequest").empty());
}

TEST_F(IntuneClientTest, NotificationsCarryTheContractFields) {
  auto intune = client();
  ASSERT_TRUE(intune->notify_success({.transaction_id = "tx-12",
                                      .csr_der = csr_,
                                      .thumbprint = "ABCDEF",
                                      .serial = "0a1b",
                                      .expires_at = from_unix(1800000000),
                                      .issuing_authority = "CN=Issuing"}));
  auto success = fake_->calls("successNotification");
  ASSERT_EQ(success.size(), 1u);
  const auto& notice = success[0]["body"]["notification"];
  EXPECT_EQ(notice["transactionId"], "tx-12");
  EXPECT_EQ(notice["certificateRequest"], "MAMCAQU=");
  EXPECT_EQ(notice["certificateThumbprint"], "ABCDEF");
  EXPECT_EQ(notice["certificateSerialNumber"], "0a1b");
  EXPECT_EQ(notice["certificateExpirationDateUtc"], "2027-01-15T08:00:00.000Z");
  EXPECT_EQ(notice["issuingCertificateAuthority"], "CN=Issuing");

  ASSERT_TRUE(intune->notify_failure({.transaction_id = "tx-13",
                                      .csr_der = csr_,
                                      .hresult = 0x80070057,
                                      .description = std::string(400, 'x')}));
  auto failure = fake_->calls("failureNotification");
  ASSERT_EQ(failure.size(), 1u);
  const auto& failed = failure[0]["body"]["notification"];
  EXPECT_EQ(failed["hResult"], 0x80070057u);
  EXPECT_EQ(failed["errorDescription"].get<std::string>().size(), 255u);

  fake_->configure({{"notification_code", "Failed"}});
  EXPECT_FALSE(
      intune->notify_failure({.transaction_id = "tx-14", .csr_der = csr_, .description = "x"}));
}

TEST_F(IntuneClientTest, RevocationRequestsRoundTrip) {
  fake_->configure({{"revocation_requests",
                     {{{"requestContext", "c1"}, {"serialNumber", "0A"}, {"issuerName", "CN=I"}},
                      {{"requestContext", "c2"}, {"serialNumber", "0B"}}}}});
  auto intune = client();
  EXPECT_FALSE(intune->download_revocation_requests(501));
  auto requests = intune->download_revocation_requests(500);
  ASSERT_TRUE(requests) << requests.error().log_text;
  ASSERT_EQ(requests->size(), 2u);
  EXPECT_EQ((*requests)[0].request_context, "c1");
  EXPECT_EQ((*requests)[0].serial_number, "0A");
  EXPECT_EQ((*requests)[0].issuer_name, "CN=I");
  auto download = fake_->calls("downloadRevocationRequests");
  ASSERT_EQ(download.size(), 1u);
  EXPECT_EQ(download[0]["body"]["downloadParameters"]["maxRequests"], 500);
  EXPECT_EQ(download[0]["headers"]["api-version"], kPkiConnectorApiVersion);

  ASSERT_TRUE(intune->upload_revocation_results({{.request_context = "c1", .succeeded = true},
                                                 {.request_context = "c2",
                                                  .error = RevocationError::certificate_not_found,
                                                  .error_message = "certificate not found"}}));
  auto upload = fake_->calls("uploadRevocationResults");
  ASSERT_EQ(upload.size(), 1u);
  const auto& results = upload[0]["body"]["results"];
  EXPECT_EQ(results[0]["succeeded"], true);
  EXPECT_EQ(results[0]["errorCode"], 0);
  EXPECT_EQ(results[1]["errorCode"], 4004);
}

}  // namespace
}  // namespace scepter::intune
