// Intune enrollment end to end below the SCEP envelope: the real authority, gateway and
// revocation poller against the loopback fake, with a real store and CA.

#include "intune/gateway.hpp"

#include <gtest/gtest.h>

#include "ca/ca_test_fixture.hpp"
#include "ca/scep_authority.hpp"
#include "intune/fake/fake_intune.hpp"
#include "intune/revocation_poller.hpp"

namespace scepter::intune {
namespace {

using nlohmann::json;
using testing::FakeIntune;

class IntuneGatewayTest : public ca::CaFixture {
 protected:
  static void SetUpTestSuite() { fake_ = new FakeIntune(); }
  static void TearDownTestSuite() {
    delete fake_;
    fake_ = nullptr;
  }

  void SetUp() override {
    ca::CaFixture::SetUp();
    ASSERT_TRUE(fake_->running()) << "fake_intune.py did not start";
    fake_->reset();
    auto sealed = fake_->account();
    sealed.id = 0;
    sealed.client_secret_encrypted = to_bytes("sealed");
    auto account = store_->create_azure_account(sealed);
    ASSERT_TRUE(account) << account.error().log_text;
    account_ = *account;
    gateway_ = std::make_unique<Gateway>(
        *store_,
        [](const store::AzureAccount& account) -> Result<std::string> {
          if (account.client_secret_encrypted != to_bytes("sealed")) {
            return fail(ErrorCategory::crypto, "not sealed here");
          }
          return std::string(FakeIntune::kSecret);
        },
        GatewayOptions{.https = {.timeout = std::chrono::seconds(2)}, .caller_info = "test/1"});
    profile_ = client_profile();
    endpoint_ = make_endpoint("intune", "intune");
    endpoint_.profile_id = profile_.id;
    endpoint_.term_days = 30;
    endpoint_.azure_account_id = account_.id;
    ASSERT_TRUE(store_->update_endpoint(endpoint_));
    authority_ = std::make_unique<ca::ScepAuthority>(*store_, *pki_, *vault_, codes_,
                                                     ca::ThrottleOptions{}, gateway_.get());
  }

  scep::Decision enroll(const std::string& tid, const std::string& challenge) {
    auto context = authority_->endpoint("intune");
    EXPECT_TRUE(context);
    auto key = new_key();
    auto now = std::chrono::system_clock::now();
    auto signer = crypto::issue_certificate({.subject = {{"CN", "device"}},
                                             .serial = {0x01},
                                             .not_before = now - std::chrono::hours(1),
                                             .not_after = now + std::chrono::hours(1),
                                             .public_key = key.public_key()},
                                            nullptr, key);
    return authority_->enroll(**context, {.type = scep::MessageType::pkcs_req,
                                          .transaction_id = tid,
                                          .csr = csr_for(key, "device", challenge),
                                          .signer = *signer,
                                          .client_address = "192.0.2.1"});
  }

  crypto::Certificate enrolled(const std::string& tid) {
    auto decision = enroll(tid, fake_->new_challenge());
    auto* issued = std::get_if<scep::Issued>(&decision);
    if (!issued) {
      auto* rejected = std::get_if<scep::Rejected>(&decision);
      ADD_FAILURE() << "not issued: " << (rejected ? rejected->text : "pending");
      return pki_->issuing_ca()->certificate;
    }
    return issued->certificate;
  }

  static FakeIntune* fake_;
  ca::AccessCodes codes_{to_bytes("digest key")};
  store::AzureAccount account_;
  std::unique_ptr<Gateway> gateway_;
  store::Profile profile_;
  store::Endpoint endpoint_;
  std::unique_ptr<ca::ScepAuthority> authority_;
};
FakeIntune* IntuneGatewayTest::fake_ = nullptr;

TEST_F(IntuneGatewayTest, OneTimeChallengeEnrollsOnceAndIntuneHearsOfIt) {
  auto challenge = fake_->new_challenge();
  auto decision = enroll("tx-1", challenge);
  ASSERT_TRUE(std::holds_alternative<scep::Issued>(decision));
  const auto& certificate = std::get<scep::Issued>(decision).certificate;

  auto notices = fake_->calls("successNotification");
  ASSERT_EQ(notices.size(), 1u);
  const auto& notice = notices[0]["body"]["notification"];
  EXPECT_EQ(notice["transactionId"], "tx-1");
  EXPECT_EQ(notice["certificateSerialNumber"], certificate.serial_hex());
  EXPECT_EQ(notice["certificateThumbprint"], certificate.sha1_thumbprint());
  EXPECT_EQ(notice["certificateExpirationDateUtc"], iso8601_utc(certificate.not_after()));
  EXPECT_EQ(notice["issuingCertificateAuthority"], crypto::to_string(certificate.issuer()));

  auto reused = enroll("tx-2", challenge);
  auto* rejected = std::get_if<scep::Rejected>(&reused);
  ASSERT_TRUE(rejected);
  EXPECT_NE(rejected->text.find("ChallengeVerificationFailed"), std::string::npos);
  EXPECT_EQ(*store_->count_certificates(endpoint_.id), 1);
}

TEST_F(IntuneGatewayTest, FailuresIssueNothing) {
  for (const auto& [settings, expected] : std::vector<std::pair<json, std::string>>{
           {{{"validation", "ChallengeExpired"}}, "ChallengeExpired"},
           {{{"validation", "Success"}, {"status", {{"validateRequest", 500}}}}, "HTTP 500"},
           {{{"validation", "Success"}, {"delay", {{"validateRequest", 3}}}}, "in time"},
           {{{"missing_services", {"ScepRequestValidationFEService"}}}, "license"},
           {{{"discovery_status", 403}}, "permission"},
           {{{"client_secret", "rotated"}}, "AADSTS7000215"}}) {
    fake_->reset();
    fake_->configure(settings);
    // A fresh gateway: no token or discovery cached from the previous case.
    gateway_ = std::make_unique<Gateway>(
        *store_, [](const store::AzureAccount&) { return Result<std::string>("fake-secret"); },
        GatewayOptions{.https = {.timeout = std::chrono::seconds(1)}});
    authority_ = std::make_unique<ca::ScepAuthority>(*store_, *pki_, *vault_, codes_,
                                                     ca::ThrottleOptions{}, gateway_.get());
    auto decision = enroll("tx-" + expected, "any");
    auto* rejected = std::get_if<scep::Rejected>(&decision);
    ASSERT_TRUE(rejected) << expected;
    EXPECT_NE(rejected->text.find(expected), std::string::npos) << rejected->text;
    EXPECT_TRUE(fake_->calls("successNotification").empty());
  }
  EXPECT_EQ(*store_->count_certificates(endpoint_.id), 0);
}

TEST_F(IntuneGatewayTest, UnconfirmedIssuanceIsRevokedAndOnTheCrl) {
  for (const auto& settings :
       {json{{"notification_code", "Failed"}}, json{{"status", {{"successNotification", 500}}}},
        json{{"delay", {{"successNotification", 3}}}}}) {
    fake_->reset();
    fake_->configure(settings);
    auto tid = "tx-" + settings.dump();
    auto decision = enroll(tid, fake_->new_challenge());
    ASSERT_TRUE(std::holds_alternative<scep::Rejected>(decision)) << settings.dump();
    ASSERT_EQ(fake_->calls("successNotification").size(), 1u);
    auto serial =
        fake_->calls("successNotification")[0]["body"]["notification"]["certificateSerialNumber"]
            .get<std::string>();
    auto record = store_->get_certificate(serial);
    ASSERT_TRUE(record);
    EXPECT_EQ(record->status, "revoked");
    auto crl = pki_->current_crl(record->ca_id);
    ASSERT_TRUE(crl);
    bool listed = false;
    for (const auto& entry : crl->entries()) listed |= hex_encode(entry.serial) == serial;
    EXPECT_TRUE(listed) << serial;
  }
}

TEST_F(IntuneGatewayTest, OurOwnErrorsAfterValidationAreReported) {
  auto key = new_key();
  auto context = authority_->endpoint("intune");
  ASSERT_TRUE(context);
  auto now = std::chrono::system_clock::now();
  auto signer = crypto::issue_certificate({.subject = {{"CN", "d"}},
                                           .serial = {0x01},
                                           .not_before = now - std::chrono::hours(1),
                                           .not_after = now + std::chrono::hours(1),
                                           .public_key = key.public_key()},
                                          nullptr, key);
  auto decision = authority_->enroll(
      **context,
      {.transaction_id = "tx-ip",
       .csr = csr_for(key, "d", fake_->new_challenge(), {{crypto::SanType::ip, "192.0.2.4"}}),
       .signer = *signer,
       .client_address = "192.0.2.1"});
  ASSERT_TRUE(std::holds_alternative<scep::Rejected>(decision));
  auto failures = fake_->calls("failureNotification");
  ASSERT_EQ(failures.size(), 1u);
  const auto& notice = failures[0]["body"]["notification"];
  EXPECT_EQ(notice["transactionId"], "tx-ip");
  EXPECT_EQ(notice["hResult"], ca::kHresultInvalidArg);
  EXPECT_NE(notice["errorDescription"].get<std::string>().find("ip"), std::string::npos);
}

TEST_F(IntuneGatewayTest, RevocationRequestsRevokeOurCertificatesOnly) {
  auto first = enrolled("tx-r1");
  auto second = enrolled("tx-r2");
  ASSERT_TRUE(store_->revoke_certificate(second.serial_hex(), 1, to_unix(clock_.now())));
  auto upper = first.serial_hex();
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  fake_->configure({{"revocation_requests",
                     {{{"requestContext", "c-first"}, {"serialNumber", upper}},
                      {{"requestContext", "c-second"}, {"serialNumber", second.serial_hex()}},
                      {{"requestContext", "c-unknown"}, {"serialNumber", "0badc0de"}},
                      {{"requestContext", "c-empty"}, {"serialNumber", ""}}}}});

  RevocationPoller poller(*store_, *pki_, *gateway_, clock_, {.node_id = "node-a"});
  auto round = poller.poll_account(account_);
  ASSERT_TRUE(round) << round.error().log_text;
  EXPECT_TRUE(round->polled);
  EXPECT_EQ(round->revoked, 1);
  EXPECT_EQ(round->failed, 3);
  EXPECT_EQ(store_->get_certificate(first.serial_hex())->status, "revoked");

  auto uploads = fake_->calls("uploadRevocationResults");
  ASSERT_EQ(uploads.size(), 1u);
  std::map<std::string, json> by_context;
  for (const auto& result : uploads[0]["body"]["results"]) {
    by_context[result["requestContext"]] = result;
  }
  EXPECT_EQ(by_context["c-first"]["succeeded"], true);
  EXPECT_EQ(by_context["c-first"]["errorCode"], 0);
  EXPECT_EQ(by_context["c-second"]["errorCode"], 4005);
  EXPECT_EQ(by_context["c-unknown"]["errorCode"], 4004);
  EXPECT_EQ(by_context["c-empty"]["errorCode"], 4002);

  auto crl = pki_->current_crl(store_->get_certificate(first.serial_hex())->ca_id);
  ASSERT_TRUE(crl);
  bool listed = false;
  for (const auto& entry : crl->entries()) listed |= hex_encode(entry.serial) == first.serial_hex();
  EXPECT_TRUE(listed);

  // Nothing left: the next round downloads an empty batch and uploads nothing.
  ASSERT_TRUE(poller.poll_account(account_));
  EXPECT_EQ(fake_->calls("uploadRevocationResults").size(), 1u);
}

TEST_F(IntuneGatewayTest, AnotherAccountsCertificatesAreNotFound) {
  auto certificate = enrolled("tx-o1");
  auto other = fake_->account();
  other.id = 0;
  other.name = "other";
  other.client_secret_encrypted = to_bytes("sealed");
  auto created = store_->create_azure_account(other);
  ASSERT_TRUE(created);
  fake_->configure({{"revocation_requests",
                     {{{"requestContext", "c"}, {"serialNumber", certificate.serial_hex()}}}}});
  RevocationPoller poller(*store_, *pki_, *gateway_, clock_, {.node_id = "node-a"});
  auto round = poller.poll_account(*created);
  ASSERT_TRUE(round);
  EXPECT_EQ(round->failed, 1);
  EXPECT_EQ(store_->get_certificate(certificate.serial_hex())->status, "valid");
}

TEST_F(IntuneGatewayTest, OnlyTheLeaseHolderPolls) {
  ASSERT_TRUE(*store_->acquire_lease("intune-revocation:" + std::to_string(account_.id), "node-b",
                                     to_unix(clock_.now()), 600));
  RevocationPoller poller(*store_, *pki_, *gateway_, clock_, {.node_id = "node-a"});
  auto round = poller.poll_account(account_);
  ASSERT_TRUE(round);
  EXPECT_FALSE(round->polled);
  EXPECT_TRUE(fake_->calls("downloadRevocationRequests").empty());

  clock_.advance(std::chrono::seconds(601));
  round = poller.poll_account(account_);
  ASSERT_TRUE(round);
  EXPECT_TRUE(round->polled) << "an expired lease passes to the next node";
}

TEST_F(IntuneGatewayTest, BackgroundThreadPollsUntilStopped) {
  auto certificate = enrolled("tx-b1");
  fake_->configure({{"revocation_requests",
                     {{{"requestContext", "c"}, {"serialNumber", certificate.serial_hex()}}}}});
  RevocationPoller poller(*store_, *pki_, *gateway_, clock_,
                          {.interval = std::chrono::seconds(1), .node_id = "node-a"});
  poller.start();
  for (int i = 0; i < 100 && store_->get_certificate(certificate.serial_hex())->status == "valid";
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  poller.stop();
  EXPECT_EQ(store_->get_certificate(certificate.serial_hex())->status, "revoked");
  // Stopping released the lease: another node may take over at once.
  EXPECT_TRUE(*store_->acquire_lease("intune-revocation:" + std::to_string(account_.id), "node-b",
                                     to_unix(clock_.now()), 600));
}

}  // namespace
}  // namespace scepter::intune
