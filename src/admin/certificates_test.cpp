#include "admin/certificates.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "admin/admin_test_fixture.hpp"
#include "ca/scep_authority.hpp"
#include "crypto/certificate.hpp"
#include "crypto/cms_client_request.hpp"
#include "crypto/issue.hpp"
#include "scep/client.hpp"

namespace scepter::admin {
namespace {

using crypto::RevocationReason;

// Certificates issued over SCEP to alice, an account of Acme/IT on the "clients" endpoint.
class CertificatesTest : public AdminFixture {
 protected:
  void SetUp() override {
    AdminFixture::SetUp();
    add_tenant();
    add_scep_endpoint("clients");
    code_ = add_account("clients", "alice").access_code;
    authority_ = std::make_unique<ca::ScepAuthority>(
        workspace_->store(), workspace_->pki(), workspace_->vault(), workspace_->access_codes());
    auto context = authority_->endpoint("clients");
    ASSERT_TRUE(context) << context.error().log_text;
    context_ = *context;
  }

  static crypto::PrivateKey new_key() {
    auto key = crypto::PrivateKey::generate({crypto::KeyType::ec, 256});
    EXPECT_TRUE(key);
    return std::move(*key);
  }

  static crypto::Csr csr_for(const crypto::PrivateKey& key,
                             std::optional<std::string> password = std::nullopt) {
    auto csr =
        crypto::build_csr({.subject = {{"CN", "laptop-1"}}, .challenge_password = password}, key);
    EXPECT_TRUE(csr) << csr.error().log_text;
    return *csr;
  }

  // What a client signs its first request with: a throw-away certificate of its own key.
  static crypto::Certificate self_signed(const crypto::PrivateKey& key) {
    auto certificate =
        scep::client::self_signed_certificate(key, "laptop-1", std::chrono::system_clock::now());
    EXPECT_TRUE(certificate) << certificate.error().log_text;
    return *certificate;
  }

  scep::Decision enroll(scep::MessageType type, const std::string& transaction_id,
                        const crypto::Csr& csr, const crypto::Certificate& signer) {
    return authority_->enroll(*context_, {.type = type,
                                          .transaction_id = transaction_id,
                                          .csr = csr,
                                          .signer = signer,
                                          .client_address = "192.0.2.7"});
  }

  // A first enrollment with alice's access code.
  crypto::Certificate issue(const std::string& transaction_id) {
    const auto key = new_key();
    auto decision =
        enroll(scep::MessageType::pkcs_req, transaction_id, csr_for(key, code_), self_signed(key));
    auto* issued = std::get_if<scep::Issued>(&decision);
    EXPECT_TRUE(issued) << "enrollment " << transaction_id << " was not issued";
    return issued ? issued->certificate : self_signed(key);
  }

  // A RenewalReq signed by `old`, without access code.
  scep::Decision renew(const crypto::Certificate& old, const std::string& transaction_id) {
    return enroll(scep::MessageType::renewal_req, transaction_id, csr_for(new_key()), old);
  }

  // The latest CRL of the certificate's CA, parsed from what the store holds.
  crypto::Crl latest_crl(const std::string& serial) {
    auto& store = workspace_->store();
    auto record = store.get_certificate(serial);
    EXPECT_TRUE(record);
    auto latest = store.latest_crl(record->ca_id);
    EXPECT_TRUE(latest && *latest);
    auto crl = crypto::Crl::from_der((*latest)->der);
    EXPECT_TRUE(crl) << crl.error().log_text;
    return *crl;
  }

  static std::optional<RevocationReason> listed(const crypto::Crl& crl,
                                                const crypto::Certificate& certificate) {
    for (const auto& entry : crl.entries()) {
      if (hex_encode(entry.serial) == certificate.serial_hex()) return entry.reason;
    }
    return std::nullopt;
  }

  Certificates certificates() { return Certificates(*workspace_, actor_); }

  std::string code_;
  std::unique_ptr<ca::ScepAuthority> authority_;
  std::shared_ptr<const scep::EndpointContext> context_;
};

TEST_F(CertificatesTest, AReleasedHoldIsValidAgainAbsentFromTheCrlAndAudited) {
  const auto held = issue("tx-held");
  const auto compromised = issue("tx-compromised");
  ASSERT_TRUE(certificates().revoke(held.serial_hex(), "certificateHold"));
  ASSERT_TRUE(certificates().revoke(compromised.serial_hex(), "keyCompromise"));
  const auto before = latest_crl(held.serial_hex());
  EXPECT_EQ(listed(before, held), RevocationReason::certificate_hold);
  EXPECT_EQ(listed(before, compromised), RevocationReason::key_compromise);

  auto released = certificates().release_hold(held.serial_hex());
  ASSERT_TRUE(released) << released.error().client_text << released.error().log_text;
  EXPECT_EQ(released->status, "valid");
  EXPECT_EQ(released->revoked_at, std::nullopt);
  EXPECT_EQ(released->revocation_reason, "");
  EXPECT_EQ(certificates().show(held.serial_hex())->status, "valid");

  // RFC 5280 5.3.1: a released certificate no longer appears on the (full) CRLs that follow.
  const auto after = latest_crl(held.serial_hex());
  EXPECT_EQ(listed(after, held), std::nullopt);
  EXPECT_EQ(listed(after, compromised), RevocationReason::key_compromise);
  ASSERT_TRUE(before.crl_number() && after.crl_number());
  EXPECT_GT(hex_encode(*after.crl_number()), hex_encode(*before.crl_number()));

  const auto events = audit_events();
  const auto event = std::ranges::find(events, std::string("certificate.release_hold"),
                                       &store::AuditEvent::action);
  ASSERT_NE(event, events.end());
  EXPECT_EQ(event->actor, "test:alice");
  EXPECT_EQ(event->target, "certificate:" + held.serial_hex());
  const auto was = nlohmann::json::parse(event->before);
  const auto is = nlohmann::json::parse(event->after);
  EXPECT_EQ(was.at("status"), "revoked");
  EXPECT_EQ(was.at("revocation_reason"), "certificateHold");
  EXPECT_EQ(is.at("status"), "valid");
  EXPECT_FALSE(is.contains("revocation_reason"));
  EXPECT_FALSE(is.contains("revoked_at"));
}

TEST_F(CertificatesTest, OnlyACertificateOnHoldIsReleased) {
  const auto valid = issue("tx-valid");
  const auto compromised = issue("tx-compromised");
  const auto held = issue("tx-held");
  ASSERT_TRUE(certificates().revoke(compromised.serial_hex(), "keyCompromise"));
  ASSERT_TRUE(certificates().revoke(held.serial_hex(), "certificateHold"));
  const auto crl_before = latest_crl(held.serial_hex()).der();

  expect_error(certificates().release_hold("zz"), ErrorCategory::invalid, "serial");
  expect_error(certificates().release_hold("0102"), ErrorCategory::not_found, "serial");
  auto of_valid = certificates().release_hold(valid.serial_hex());
  expect_error(of_valid, ErrorCategory::conflict, "serial");
  EXPECT_NE(of_valid.error().client_text.find("not on hold"), std::string::npos);
  auto of_compromised = certificates().release_hold(compromised.serial_hex());
  expect_error(of_compromised, ErrorCategory::conflict, "serial");
  EXPECT_NE(of_compromised.error().client_text.find("keyCompromise"), std::string::npos);
  EXPECT_NE(of_compromised.error().client_text.find("final"), std::string::npos);
  EXPECT_EQ(certificates().show(compromised.serial_hex())->revocation_reason, "keyCompromise");
  // Refusals change nothing: no CRL, no audit event.
  EXPECT_EQ(latest_crl(held.serial_hex()).der(), crl_before);

  ASSERT_TRUE(certificates().release_hold(held.serial_hex()));
  expect_error(certificates().release_hold(held.serial_hex()), ErrorCategory::conflict, "serial");
  EXPECT_EQ(std::ranges::count(audit_events(), std::string("certificate.release_hold"),
                               &store::AuditEvent::action),
            1);
  // Released, it may be put on hold again.
  ASSERT_TRUE(certificates().revoke(held.serial_hex(), "certificateHold"));
  EXPECT_TRUE(certificates().release_hold(held.serial_hex()));
}

TEST_F(CertificatesTest, AHoldBecomesAFinalRevocation) {
  const auto held = issue("tx-held");
  ASSERT_TRUE(certificates().revoke(held.serial_hex(), "certificateHold"));
  const auto held_at = certificates().show(held.serial_hex())->revoked_at;
  auto again = certificates().revoke(held.serial_hex(), "certificateHold");
  expect_error(again, ErrorCategory::conflict, "serial");
  EXPECT_NE(again.error().client_text.find("already on hold"), std::string::npos);

  auto final = certificates().revoke(held.serial_hex(), "keyCompromise");
  ASSERT_TRUE(final) << final.error().client_text;
  EXPECT_EQ(final->revocation_reason, "keyCompromise");
  EXPECT_EQ(final->revoked_at, held_at);
  EXPECT_EQ(listed(latest_crl(held.serial_hex()), held), RevocationReason::key_compromise);
  expect_error(certificates().revoke(held.serial_hex(), "superseded"), ErrorCategory::conflict,
               "serial");
  expect_error(certificates().release_hold(held.serial_hex()), ErrorCategory::conflict, "serial");
}

TEST_F(CertificatesTest, OutsideItsScopeAnAdminCannotReleaseAHold) {
  const auto held = issue("tx-held");
  ASSERT_TRUE(certificates().revoke(held.serial_hex(), "certificateHold"));
  for (const auto& outsider : {scoped(Role::rao, "Other"), scoped(Role::drao, "Other", "Sales")}) {
    Certificates theirs(*workspace_, outsider);
    // The same answer as for revocation, and as for a serial nobody issued.
    expect_error(theirs.release_hold(held.serial_hex()), ErrorCategory::not_found, "serial");
    expect_error(theirs.revoke(held.serial_hex(), "keyCompromise"), ErrorCategory::not_found,
                 "serial");
  }
  EXPECT_EQ(certificates().show(held.serial_hex())->revocation_reason, "certificateHold");

  Certificates department_admin(*workspace_, scoped(Role::drao, "Acme", "IT"));
  auto released = department_admin.release_hold(held.serial_hex());
  ASSERT_TRUE(released) << released.error().client_text;
  EXPECT_EQ(released->status, "valid");
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.1.2
// A renewal is authorized by the certificate that signs it, while that certificate is valid: on
// hold it authorizes nothing, released it does again.
TEST_F(CertificatesTest, ACertificateOnHoldRenewsOnlyOnceReleased) {
  const auto old = issue("tx-old");
  EXPECT_TRUE(std::holds_alternative<scep::Issued>(renew(old, "tx-renew-valid")));
  ASSERT_TRUE(certificates().revoke(old.serial_hex(), "certificateHold"));
  auto while_held = renew(old, "tx-renew-held");
  auto* rejected = std::get_if<scep::Rejected>(&while_held);
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->text, "renewal certificate is revoked or expired");
  ASSERT_TRUE(certificates().release_hold(old.serial_hex()));
  EXPECT_TRUE(std::holds_alternative<scep::Issued>(renew(old, "tx-renew-released")));
}

}  // namespace
}  // namespace scepter::admin
