#include "ca/scep_authority.hpp"

#include <deque>

#include "ca/ca_test_fixture.hpp"

namespace scepter::ca {
namespace {

constexpr const char* kCode = "correct-code-1234";

class ScepAuthorityTest : public CaFixture {
 protected:
  void SetUp() override {
    CaFixture::SetUp();
    endpoint_record_ = make_endpoint();
    profile_ = client_profile();
    add_account(profile_, kCode);
    authority_ = std::make_unique<ScepAuthority>(*store_, *pki_, *vault_, codes_,
                                                 ThrottleOptions{.max_failures = 3});
    auto context = authority_->endpoint("demo");
    ASSERT_TRUE(context) << context.error().log_text;
    context_ = *context;
  }

  store::Account add_account(const store::Profile& profile, const std::string& code) {
    auto org = store_->find_organization("Org");
    if (!org) org = store_->create_organization({.name = "Org"});
    auto dept = store_->find_department(org->id, "Dept");
    if (!dept) dept = store_->create_department({.organization_id = org->id, .name = "Dept"});
    auto account = store_->create_account({.endpoint_id = endpoint_record_.id,
                                           .name = "account-" + code,
                                           .organization_id = org->id,
                                           .department_id = dept->id,
                                           .profile_id = profile.id,
                                           .term_days = 365,
                                           .access_code_digest = codes_.digest(code)});
    EXPECT_TRUE(account) << account.error().log_text;
    return *account;
  }

  static crypto::Certificate self_signed(const crypto::PrivateKey& key, std::string name) {
    auto now = std::chrono::system_clock::now();
    auto certificate = crypto::issue_certificate({.subject = {{"CN", std::move(name)}},
                                                  .serial = {0x01},
                                                  .not_before = now - std::chrono::hours(1),
                                                  .not_after = now + std::chrono::hours(1),
                                                  .public_key = key.public_key()},
                                                 nullptr, key);
    EXPECT_TRUE(certificate) << certificate.error().log_text;
    return *certificate;
  }

  scep::EnrollmentRequest request(const crypto::PrivateKey& key, std::string tid,
                                  std::optional<std::string> password,
                                  std::string name = "device-1") {
    return {.type = scep::MessageType::pkcs_req,
            .transaction_id = std::move(tid),
            .csr = csr_for(key, name, std::move(password)),
            .signer = self_signed(key, name),
            .client_address = "192.0.2.7"};
  }

  // A request signed by a certificate instead of by the CSR's own key (renewal).
  static scep::EnrollmentRequest signed_by(const crypto::Certificate& signer,
                                           scep::MessageType type, std::string tid,
                                           crypto::Csr csr) {
    return {.type = type,
            .transaction_id = std::move(tid),
            .csr = std::move(csr),
            .signer = signer,
            .client_address = "192.0.2.7"};
  }

  const crypto::Certificate& issue_with_code(std::string tid, std::string name = "device-1",
                                             std::vector<crypto::SubjectAltName> alt_names = {}) {
    auto key = new_key();
    auto decision =
        authority_->enroll(*context_, {.type = scep::MessageType::pkcs_req,
                                       .transaction_id = std::move(tid),
                                       .csr = csr_for(key, name, kCode, std::move(alt_names)),
                                       .signer = self_signed(key, name),
                                       .client_address = "192.0.2.7"});
    issued_.push_back(std::get<scep::Issued>(decision).certificate);
    return issued_.back();
  }

  static bool rejected_with(const scep::Decision& decision, std::string_view text) {
    auto* rejected = std::get_if<scep::Rejected>(&decision);
    if (!rejected) return false;
    EXPECT_NE(rejected->text.find(text), std::string::npos) << rejected->text;
    return rejected->fail_info == scep::FailInfo::bad_request;
  }

  std::deque<crypto::Certificate> issued_;
  AccessCodes codes_{to_bytes("test digest key")};
  store::Endpoint endpoint_record_;
  store::Profile profile_;
  std::unique_ptr<ScepAuthority> authority_;
  std::shared_ptr<const scep::EndpointContext> context_;
};

const crypto::Certificate& issued(const scep::Decision& decision) {
  static const crypto::Certificate* none = nullptr;
  auto* result = std::get_if<scep::Issued>(&decision);
  if (!result) {
    auto* rejected = std::get_if<scep::Rejected>(&decision);
    ADD_FAILURE() << "not issued: " << (rejected ? rejected->text : "pending");
    return *none;
  }
  return result->certificate;
}

TEST_F(ScepAuthorityTest, EndpointContextCarriesKeysChainAndFormats) {
  EXPECT_EQ(context_->uri_extension, "demo");
  EXPECT_EQ(context_->ca_chain.size(), 2u);
  EXPECT_EQ(context_->ca_cert_format, scep::CaCertFormat::chain_cms);
  EXPECT_TRUE(context_->ra_certificate.public_key() == context_->ra_key.public_key());
  EXPECT_TRUE(context_->next_ca_chain.empty());
  auto missing = authority_->endpoint("nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().category, ErrorCategory::not_found);
}

TEST_F(ScepAuthorityTest, AnRaKeyThatIsNotItsCertificatesDoesNotLoad) {
  auto other = pki_->issue_ra_certificate("ra-other", *crypto::KeySpec::parse("rsa2048"));
  auto current = store_->get_ra_certificate(endpoint_record_.ra_certificate_id);
  ASSERT_TRUE(other && current);
  auto mixed = *current;
  mixed.name = "ra-mixed";
  mixed.key_ref = other->key_ref;
  auto created = store_->create_ra_certificate(mixed);
  ASSERT_TRUE(created) << created.error().log_text;
  auto record = endpoint_record_;
  record.ra_certificate_id = created->id;
  ASSERT_TRUE(store_->update_endpoint(record));
  auto context = authority_->endpoint("demo");
  ASSERT_FALSE(context);
  EXPECT_EQ(context.error().category, ErrorCategory::store);
  EXPECT_NE(context.error().client_text.find("RA key"), std::string::npos);
}

TEST_F(ScepAuthorityTest, ConfigurationChangesAreSeenByTheNextRequest) {
  auto record = endpoint_record_;
  record.enabled = false;
  ASSERT_TRUE(store_->update_endpoint(record));
  EXPECT_EQ(authority_->endpoint("demo").error().category, ErrorCategory::not_found);
  record.enabled = true;
  record.getcert_format = "full-chain";
  ASSERT_TRUE(store_->update_endpoint(record));
  auto context = authority_->endpoint("demo");
  ASSERT_TRUE(context);
  EXPECT_EQ((*context)->cert_format, scep::CertFormat::full_chain);
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-2.2
TEST_F(ScepAuthorityTest, IssuesForTheAccountOfTheChallengePassword) {
  auto key = new_key();
  auto decision = authority_->enroll(*context_, request(key, "tx-1", kCode));
  const auto& certificate = issued(decision);
  EXPECT_EQ(certificate.subject_text(), "CN=device-1");
  EXPECT_TRUE(certificate.public_key() == key.public_key());
  EXPECT_TRUE(certificate.is_signed_by(context_->ca_chain.front()));
  auto stored = store_->get_certificate(certificate.serial_hex());
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->endpoint_id, endpoint_record_.id);
  EXPECT_TRUE(stored->account_id.has_value());
  EXPECT_EQ(stored->transaction_id, "tx-1");
}

TEST_F(ScepAuthorityTest, WrongOrMissingChallengeIsRejectedAndRecorded) {
  auto key = new_key();
  auto wrong = authority_->enroll(*context_, request(key, "tx-2", "wrong-code-123456"));
  auto* rejected = std::get_if<scep::Rejected>(&wrong);
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->fail_info, scep::FailInfo::bad_request);
  EXPECT_EQ(rejected->text, "wrong challenge password");
  auto missing = authority_->enroll(*context_, request(key, "tx-3", std::nullopt));
  ASSERT_TRUE(std::holds_alternative<scep::Rejected>(missing));

  auto rejections = store_->list_rejections(endpoint_record_.id, {});
  ASSERT_TRUE(rejections);
  ASSERT_EQ(rejections->size(), 2u);
  for (const auto& r : *rejections) {
    EXPECT_EQ(r.client_address, "192.0.2.7");
    EXPECT_EQ(r.reason.find("wrong-code"), std::string::npos);  // never the code itself
  }
  EXPECT_TRUE(store_->list_certificates({})->empty());
}

TEST_F(ScepAuthorityTest, ThrottlesAnAddressAfterRepeatedWrongCodes) {
  for (int i = 0; i < 3; ++i) {
    auto key = new_key();
    authority_->enroll(*context_, request(key, "bad-" + std::to_string(i), "wrong-code-123456"));
  }
  auto key = new_key();
  auto decision = authority_->enroll(*context_, request(key, "good", kCode));
  auto* rejected = std::get_if<scep::Rejected>(&decision);
  ASSERT_TRUE(rejected);
  EXPECT_NE(rejected->text.find("too many failed attempts"), std::string::npos);

  auto other = request(key, "other-address", kCode);
  other.client_address = "198.51.100.1";
  issued(authority_->enroll(*context_, other));

  // Throttled attempts are not recorded: the wrong codes before them were.
  auto recorded = store_->list_rejections(endpoint_record_.id, {});
  ASSERT_TRUE(recorded);
  EXPECT_EQ(recorded->size(), 3u);
}

TEST_F(ScepAuthorityTest, SameTransactionAndKeyGetsTheSameCertificate) {
  auto key = new_key();
  auto first = issued(authority_->enroll(*context_, request(key, "tx-same", kCode)));
  auto second = issued(authority_->enroll(*context_, request(key, "tx-same", kCode)));
  EXPECT_EQ(first.serial_hex(), second.serial_hex());
  EXPECT_EQ(store_->list_certificates({})->size(), 1u);

  auto other_key = new_key();
  auto hijack = authority_->enroll(*context_, request(other_key, "tx-same", kCode));
  ASSERT_TRUE(std::holds_alternative<scep::Rejected>(hijack));
  EXPECT_EQ(store_->list_certificates({})->size(), 1u);
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.1
TEST_F(ScepAuthorityTest, ARepeatedTransactionDoesNotAnswerWithAnExpiredCertificate) {
  auto key = new_key();
  issued(authority_->enroll(*context_, request(key, "tx-expiring", kCode)));
  clock_.advance(std::chrono::days(366));
  EXPECT_TRUE(rejected_with(authority_->enroll(*context_, request(key, "tx-expiring", kCode)),
                            "revoked or has expired"));
}

TEST_F(ScepAuthorityTest, ApprovalProfilesAnswerPendingUntilDecided) {
  add_account(client_profile(true, "needs-approval"), "approval-code-1234");
  auto key = new_key();
  auto decision = authority_->enroll(*context_, request(key, "tx-p", "approval-code-1234"));
  EXPECT_TRUE(std::holds_alternative<scep::Pending>(decision));
  auto pending = store_->list_pending(endpoint_record_.id);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 1u);
  // Kept for the approver without the access code it came with.
  auto stored = crypto::Csr::from_der((*pending)[0].csr_der);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->challenge_password(), std::nullopt);
  EXPECT_TRUE(stored->public_key() == key.public_key());

  scep::PollRequest poll{.transaction_id = "tx-p", .signer = self_signed(key, "device-1")};
  EXPECT_TRUE(std::holds_alternative<scep::Pending>(authority_->poll(*context_, poll)));
  ASSERT_TRUE(store_->reject_pending(endpoint_record_.id, "tx-p", "not today", 1));
  auto after = authority_->poll(*context_, poll);
  auto* rejected = std::get_if<scep::Rejected>(&after);
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->text, "not today");

  scep::PollRequest unknown{.transaction_id = "nope", .signer = self_signed(key, "device-1")};
  auto missing = authority_->poll(*context_, unknown);
  ASSERT_TRUE(std::holds_alternative<scep::Rejected>(missing));
  EXPECT_EQ(std::get<scep::Rejected>(missing).fail_info, scep::FailInfo::bad_cert_id);
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.1.2
TEST_F(ScepAuthorityTest, RenewsWhenSignedByAnIssuedCertificate) {
  auto old_key = new_key();
  auto old = issued(authority_->enroll(*context_, request(old_key, "tx-old", kCode)));

  auto new_key_ = new_key();
  scep::EnrollmentRequest renewal{.type = scep::MessageType::renewal_req,
                                  .transaction_id = "tx-renew",
                                  .csr = csr_for(new_key_, "device-1"),
                                  .signer = old,
                                  .client_address = "192.0.2.7"};
  auto renewed = issued(authority_->enroll(*context_, renewal));
  EXPECT_TRUE(renewed.public_key() == new_key_.public_key());
  EXPECT_NE(renewed.serial_hex(), old.serial_hex());

  // Apple renews with a PKCSReq signed by the old certificate.
  auto apple = renewal;
  apple.type = scep::MessageType::pkcs_req;
  apple.transaction_id = "tx-apple";
  apple.csr = csr_for(new_key(), "device-1");
  issued(authority_->enroll(*context_, apple));

  auto other_subject = renewal;
  other_subject.transaction_id = "tx-other";
  other_subject.csr = csr_for(new_key(), "someone-else");
  EXPECT_TRUE(std::holds_alternative<scep::Rejected>(authority_->enroll(*context_, other_subject)));

  auto self_signed_renewal = request(new_key(), "tx-self", kCode);
  self_signed_renewal.type = scep::MessageType::renewal_req;
  EXPECT_TRUE(
      std::holds_alternative<scep::Rejected>(authority_->enroll(*context_, self_signed_renewal)));

  ASSERT_TRUE(store_->revoke_certificate(old.serial_hex(), 1, to_unix(clock_.now())));
  auto revoked = renewal;
  revoked.transaction_id = "tx-revoked";
  revoked.csr = csr_for(new_key(), "device-1");
  EXPECT_TRUE(std::holds_alternative<scep::Rejected>(authority_->enroll(*context_, revoked)));
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.1.2
TEST_F(ScepAuthorityTest, RenewalMayKeepOrDropButNotAddSubjectAltNames) {
  crypto::SubjectAltName dns{crypto::SanType::dns, "device-1.example"};
  crypto::SubjectAltName email{crypto::SanType::email, "device-1@example.com"};
  const auto& old = issue_with_code("tx-old", "device-1", {dns, email});
  using enum scep::MessageType;

  issued(authority_->enroll(
      *context_,
      signed_by(old, renewal_req, "tx-same", csr_for(new_key(), "device-1", {}, {email, dns}))));
  issued(authority_->enroll(*context_, signed_by(old, renewal_req, "tx-fewer",
                                                 csr_for(new_key(), "device-1", {}, {dns}))));

  crypto::SubjectAltName added{crypto::SanType::dns, "admin.example.com"};
  for (auto type : {renewal_req, pkcs_req}) {
    auto more = signed_by(old, type, "tx-more-" + std::string(scep::to_string(type)),
                          csr_for(new_key(), "device-1", kCode, {dns, added}));
    EXPECT_TRUE(rejected_with(authority_->enroll(*context_, more),
                              "may not add subject alternative names"));
  }
  const auto& bare = issue_with_code("tx-bare");
  auto gains_email =
      signed_by(bare, renewal_req, "tx-gains", csr_for(new_key(), "device-1", {}, {email}));
  EXPECT_TRUE(rejected_with(authority_->enroll(*context_, gains_email),
                            "may not add subject alternative names"));
}

// Only a valid certificate of this endpoint renews; a PKCSReq signed by any other certificate
// is a new enrollment, authorized by its access code.
TEST_F(ScepAuthorityTest, PkcsReqSignedByARevokedOrExpiredCertificateNeedsTheAccessCode) {
  using enum scep::MessageType;
  const auto& revoked = issue_with_code("tx-revoked");
  ASSERT_TRUE(store_->revoke_certificate(revoked.serial_hex(), 1, to_unix(clock_.now())));
  issued(authority_->enroll(*context_, signed_by(revoked, pkcs_req, "tx-after-revoked",
                                                 csr_for(new_key(), "device-1", kCode))));
  EXPECT_TRUE(rejected_with(
      authority_->enroll(
          *context_, signed_by(revoked, pkcs_req, "tx-no-code", csr_for(new_key(), "device-1"))),
      "challenge password missing"));
  EXPECT_TRUE(rejected_with(
      authority_->enroll(*context_, signed_by(revoked, renewal_req, "tx-renew-revoked",
                                              csr_for(new_key(), "device-1", kCode))),
      "revoked or expired"));

  const auto& expiring = issue_with_code("tx-expiring");
  clock_.advance(std::chrono::days(366));
  issued(authority_->enroll(*context_, signed_by(expiring, pkcs_req, "tx-after-expired",
                                                 csr_for(new_key(), "device-1", kCode))));
  EXPECT_TRUE(rejected_with(
      authority_->enroll(*context_, signed_by(expiring, renewal_req, "tx-renew-expired",
                                              csr_for(new_key(), "device-1", kCode))),
      "revoked or expired"));
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.3
TEST_F(ScepAuthorityTest, APendingRenewalIsCollectedByAPollSignedWithTheRenewedCertificate) {
  const auto& old = issue_with_code("tx-old");
  auto approval = profile_;
  approval.requires_approval = true;
  ASSERT_TRUE(store_->update_profile(approval));

  auto new_key_ = new_key();
  auto csr = csr_for(new_key_, "device-1");
  auto renewal = signed_by(old, scep::MessageType::renewal_req, "tx-renew", csr);
  EXPECT_TRUE(std::holds_alternative<scep::Pending>(authority_->enroll(*context_, renewal)));

  scep::PollRequest by_old{.transaction_id = "tx-renew", .signer = old};
  EXPECT_TRUE(std::holds_alternative<scep::Pending>(authority_->poll(*context_, by_old)));
  auto stranger_key = new_key();
  scep::PollRequest by_stranger{.transaction_id = "tx-renew",
                                .signer = self_signed(stranger_key, "device-1")};
  EXPECT_TRUE(rejected_with(authority_->poll(*context_, by_stranger), "another key"));
  // Another certificate of the same account, but for another subject, speaks for nothing here.
  approval.requires_approval = false;
  ASSERT_TRUE(store_->update_profile(approval));
  scep::PollRequest by_sibling{.transaction_id = "tx-renew",
                               .signer = issue_with_code("tx-sibling", "device-2")};
  EXPECT_TRUE(rejected_with(authority_->poll(*context_, by_sibling), "another key"));

  auto issuing = pki_->issuing_ca();
  ASSERT_TRUE(issuing);
  auto approved = Issuer(*store_, *pki_)
                      .issue({.ca = *issuing,
                              .endpoint = endpoint_record_,
                              .profile = approval,
                              .term_days = 365,
                              .account_id = store_->get_certificate(old.serial_hex())->account_id,
                              .csr = csr,
                              .transaction_id = "tx-renew",
                              .message_type = "RenewalReq",
                              .client_address = "192.0.2.7"});
  ASSERT_TRUE(approved) << approved.error().log_text;
  EXPECT_TRUE(issued(authority_->poll(*context_, by_old)) == *approved);
  EXPECT_TRUE(issued(authority_->poll(*context_, by_old)).public_key() == new_key_.public_key());
  EXPECT_TRUE(rejected_with(authority_->poll(*context_, by_stranger), "another key"));
}

TEST_F(ScepAuthorityTest, IntuneEndpointsRefuseWithoutAnIntuneGateway) {
  make_endpoint("intune", "intune");
  auto context = authority_->endpoint("intune");
  ASSERT_TRUE(context);
  EXPECT_TRUE((*context)->enrollment_waits_on_remote);
  EXPECT_FALSE(context_->enrollment_waits_on_remote);
  auto decision = authority_->enroll(**context, request(new_key(), "tx-i", kCode));
  auto* rejected = std::get_if<scep::Rejected>(&decision);
  ASSERT_TRUE(rejected);
  EXPECT_NE(rejected->text.find("Intune"), std::string::npos);
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.4
TEST_F(ScepAuthorityTest, GetCertAndGetCrlByIssuerAndSerial) {
  auto key = new_key();
  auto certificate = issued(authority_->enroll(*context_, request(key, "tx-g", kCode)));
  scep::CertificateQuery query{.transaction_id = "q",
                               .issuer_der = certificate.issuer_der(),
                               .serial = certificate.serial(),
                               .signer = self_signed(key, "device-1")};
  EXPECT_TRUE(issued(authority_->get_cert(*context_, query)) == certificate);

  auto wrong = query;
  wrong.serial = {0x01, 0x02};
  auto missing = authority_->get_cert(*context_, wrong);
  ASSERT_TRUE(std::holds_alternative<scep::Rejected>(missing));
  EXPECT_EQ(std::get<scep::Rejected>(missing).fail_info, scep::FailInfo::bad_cert_id);

  auto crl = authority_->get_crl(*context_, query);
  ASSERT_TRUE(std::holds_alternative<scep::CrlIssued>(crl));
  auto unknown_issuer = query;
  unknown_issuer.issuer_der = certificate.subject_der();
  EXPECT_TRUE(
      std::holds_alternative<scep::Rejected>(authority_->get_crl(*context_, unknown_issuer)));
}

}  // namespace
}  // namespace scepter::ca
