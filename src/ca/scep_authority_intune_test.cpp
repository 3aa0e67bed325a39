// Enrollment on endpoints of type "intune": the order validate -> issue -> notify, and what the
// client and Intune hear on every failure path. Intune itself is a recording stand-in here;
// intune/ tests the HTTPS side against a fake service.

#include <gtest/gtest.h>

#include "ca/ca_test_fixture.hpp"
#include "ca/scep_authority.hpp"

namespace scepter::ca {
namespace {

class RecordingIntune final : public IntuneGateway {
 public:
  Status validate(const store::Endpoint& endpoint, const std::string& transaction_id,
                  ByteView csr_der) override {
    calls.push_back("validate:" + transaction_id);
    last_endpoint = endpoint.id;
    last_csr.assign(csr_der.begin(), csr_der.end());
    if (validation) return fail(*validation);
    return {};
  }
  Status notify_success(const store::Endpoint&, const std::string& transaction_id, ByteView,
                        const crypto::Certificate& issued) override {
    calls.push_back("success:" + transaction_id);
    notified_serial = issued.serial_hex();
    if (success_notice) return fail(*success_notice);
    return {};
  }
  Status notify_failure(const store::Endpoint&, const std::string& transaction_id, ByteView,
                        std::uint32_t hresult, std::string_view description) override {
    calls.push_back("failure:" + transaction_id);
    failure_hresult = hresult;
    failure_text = description;
    return {};
  }

  std::optional<Error> validation;
  std::optional<Error> success_notice;
  std::vector<std::string> calls;
  store::Id last_endpoint = 0;
  Bytes last_csr;
  std::string notified_serial;
  std::uint32_t failure_hresult = 0;
  std::string failure_text;
};

class IntuneEnrollmentTest : public CaFixture {
 protected:
  void SetUp() override {
    CaFixture::SetUp();
    profile_ = client_profile();
    endpoint_ = intune_endpoint("intune", profile_);
    authority_ = std::make_unique<ScepAuthority>(*store_, *pki_, *vault_, codes_, ThrottleOptions{},
                                                 &intune_);
  }

  store::Endpoint intune_endpoint(const std::string& name, const store::Profile& profile) {
    auto endpoint = make_endpoint(name, "intune");
    auto org = store_->find_organization("Org");
    if (!org) org = store_->create_organization({.name = "Org"});
    endpoint.organization_id = org->id;
    endpoint.profile_id = profile.id;
    endpoint.term_days = 30;
    auto updated = store_->update_endpoint(endpoint);
    EXPECT_TRUE(updated) << updated.error().log_text;
    return *updated;
  }

  scep::Decision enroll(const std::string& tid, const crypto::Csr& csr,
                        const std::string& uri_extension = "intune") {
    auto context = authority_->endpoint(uri_extension);
    EXPECT_TRUE(context) << context.error().log_text;
    auto key = new_key();
    auto now = std::chrono::system_clock::now();
    auto signer = crypto::issue_certificate({.subject = {{"CN", "self"}},
                                             .serial = {0x01},
                                             .not_before = now - std::chrono::hours(1),
                                             .not_after = now + std::chrono::hours(1),
                                             .public_key = key.public_key()},
                                            nullptr, key);
    EXPECT_TRUE(signer);
    return authority_->enroll(**context, {.type = scep::MessageType::pkcs_req,
                                          .transaction_id = tid,
                                          .csr = csr,
                                          .signer = *signer,
                                          .client_address = "192.0.2.9"});
  }

  long long certificates() { return *store_->count_certificates(endpoint_.id); }

  AccessCodes codes_{to_bytes("test digest key")};
  RecordingIntune intune_;
  store::Profile profile_;
  store::Endpoint endpoint_;
  std::unique_ptr<ScepAuthority> authority_;
};

TEST_F(IntuneEnrollmentTest, ValidatesIssuesWithEndpointTermThenNotifies) {
  auto csr = csr_for(new_key(), "device-7", "intune-challenge");
  auto decision = enroll("tx-1", csr);
  auto* issued = std::get_if<scep::Issued>(&decision);
  ASSERT_TRUE(issued);
  EXPECT_EQ(intune_.calls, (std::vector<std::string>{"validate:tx-1", "success:tx-1"}));
  EXPECT_EQ(intune_.last_endpoint, endpoint_.id);
  EXPECT_EQ(intune_.last_csr, csr.der());
  EXPECT_EQ(intune_.notified_serial, issued->certificate.serial_hex());
  auto term = issued->certificate.not_after() - clock_.now();
  EXPECT_NEAR(std::chrono::duration_cast<std::chrono::seconds>(term).count(), 30 * 86400, 5);
  auto record = store_->get_certificate(issued->certificate.serial_hex());
  ASSERT_TRUE(record);
  EXPECT_EQ(record->status, "valid");
  EXPECT_FALSE(record->account_id);

  // A retry of the same transaction is answered from the store, without asking Intune again.
  auto again = enroll("tx-1", csr);
  ASSERT_TRUE(std::holds_alternative<scep::Issued>(again));
  EXPECT_EQ(intune_.calls.size(), 2u);
}

TEST_F(IntuneEnrollmentTest, RefusedValidationIssuesNothingAndNamesIntunesCode) {
  intune_.validation =
      make_error(ErrorCategory::unauthorized, "Intune refused the request: ChallengeExpired");
  auto decision = enroll("tx-2", csr_for(new_key(), "device-7", "old-challenge"));
  auto* rejected = std::get_if<scep::Rejected>(&decision);
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->fail_info, scep::FailInfo::bad_request);
  EXPECT_NE(rejected->text.find("ChallengeExpired"), std::string::npos);
  EXPECT_EQ(intune_.calls, (std::vector<std::string>{"validate:tx-2"}));
  EXPECT_EQ(certificates(), 0);
}

TEST_F(IntuneEnrollmentTest, UnreachableIntuneIssuesNothing) {
  intune_.validation = make_error(ErrorCategory::unavailable, "api.test did not answer in time");
  auto decision = enroll("tx-3", csr_for(new_key(), "device-7", "c"));
  auto* rejected = std::get_if<scep::Rejected>(&decision);
  ASSERT_TRUE(rejected);
  EXPECT_NE(rejected->text.find("could not validate"), std::string::npos);
  EXPECT_EQ(certificates(), 0);
}

TEST_F(IntuneEnrollmentTest, UnconfirmedIssuanceIsRevokedAndRetriesFail) {
  intune_.success_notice = make_error(ErrorCategory::unavailable, "Intune answered HTTP 500");
  auto csr = csr_for(new_key(), "device-7", "c");
  auto decision = enroll("tx-4", csr);
  auto* rejected = std::get_if<scep::Rejected>(&decision);
  ASSERT_TRUE(rejected);
  EXPECT_NE(rejected->text.find("revoked"), std::string::npos);
  auto record = store_->get_certificate(intune_.notified_serial);
  ASSERT_TRUE(record) << "the certificate is kept, revoked, for the CRL";
  EXPECT_EQ(record->status, "revoked");
  EXPECT_EQ(record->revocation_reason, 5);

  intune_.success_notice.reset();
  EXPECT_TRUE(std::holds_alternative<scep::Rejected>(enroll("tx-4", csr)));
}

TEST_F(IntuneEnrollmentTest, PolicyRefusalAfterValidationIsReportedToIntune) {
  auto decision =
      enroll("tx-5", csr_for(new_key(), "device-7", "c", {{crypto::SanType::ip, "192.0.2.1"}}));
  ASSERT_TRUE(std::holds_alternative<scep::Rejected>(decision));
  EXPECT_EQ(intune_.calls, (std::vector<std::string>{"validate:tx-5", "failure:tx-5"}));
  EXPECT_EQ(intune_.failure_hresult, kHresultInvalidArg);
  EXPECT_NE(intune_.failure_text.find("ip"), std::string::npos);
  EXPECT_EQ(certificates(), 0);
}

TEST_F(IntuneEnrollmentTest, ApprovalProfilesAreRefusedAndReported) {
  auto approval = client_profile(true, "approval");
  intune_endpoint("intune-approval", approval);
  auto decision = enroll("tx-6", csr_for(new_key(), "device-7", "c"), "intune-approval");
  ASSERT_TRUE(std::holds_alternative<scep::Rejected>(decision));
  EXPECT_EQ(intune_.calls, (std::vector<std::string>{"validate:tx-6", "failure:tx-6"}));
  EXPECT_TRUE(store_->list_pending(std::nullopt)->empty());
}

TEST_F(IntuneEnrollmentTest, StrongMappingSanFollowsTheProfile) {
  const crypto::SubjectAltName sid{crypto::SanType::uri,
                                   "tag:microsoft.com,2022-09-14:sid:S-1-5-21-1-2-3-1001"};
  auto decision = enroll("tx-7", csr_for(new_key(), "device-7", "c", {sid}));
  ASSERT_TRUE(std::holds_alternative<scep::Issued>(decision));
  EXPECT_TRUE(std::get<scep::Issued>(decision).certificate.subject_alt_names().empty());

  auto uri_profile = store_->create_profile({.name = "uris",
                                             .cert_type = "client",
                                             .key_types = {"ec"},
                                             .terms_days = {30},
                                             .san_types = {"uri"},
                                             .subject_attributes = {"CN"}});
  ASSERT_TRUE(uri_profile);
  intune_endpoint("intune-uris", *uri_profile);
  auto copied = enroll("tx-8", csr_for(new_key(), "device-7", "c", {sid}), "intune-uris");
  ASSERT_TRUE(std::holds_alternative<scep::Issued>(copied));
  EXPECT_EQ(std::get<scep::Issued>(copied).certificate.subject_alt_names(),
            std::vector<crypto::SubjectAltName>{sid});
}

}  // namespace
}  // namespace scepter::ca
