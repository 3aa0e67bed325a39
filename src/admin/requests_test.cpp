#include "admin/requests.hpp"

#include <gtest/gtest.h>

#include "admin/admin_test_fixture.hpp"
#include "admin/certificates.hpp"
#include "crypto/certificate.hpp"
#include "crypto/cms_client_request.hpp"

namespace scepter::admin {
namespace {

// Pending requests as the SCEP authority leaves them for profiles that require approval.
class RequestsTest : public AdminFixture {
 protected:
  void SetUp() override {
    AdminFixture::SetUp();
    add_tenant();
    endpoint_ = add_scep_endpoint("clients").endpoint;
    account_ = add_account("clients", "alice");
  }

  void make_pending(const std::string& transaction_id, const std::string& common_name) {
    auto key = crypto::PrivateKey::generate({crypto::KeyType::ec, 256});
    ASSERT_TRUE(key);
    auto csr = crypto::build_csr({.subject = {{"CN", common_name}}}, *key);
    ASSERT_TRUE(csr);
    store::Transaction tx;
    tx.endpoint_id = endpoint_.id;
    tx.transaction_id = transaction_id;
    tx.public_key_sha256 = key->public_key().sha256();
    tx.status = "pending";
    tx.message_type = "PKCSReq";
    tx.account_id = account_.account.id;
    tx.csr_der = csr->der();
    tx.subject = "CN=" + common_name;
    tx.client_address = "192.0.2.1";
    tx.created_at = workspace_->now();
    tx.updated_at = tx.created_at;
    ASSERT_TRUE(workspace_->store().create_pending(tx));
  }

  Requests requests() { return Requests(*workspace_, actor_); }
  Certificates certificates() { return Certificates(*workspace_, actor_); }
  store::Endpoint endpoint_;
  AccessCodeIssued account_;
};

TEST_F(RequestsTest, ListsPendingRequests) {
  make_pending("tx-1", "laptop-1");
  auto pending = requests().list(std::nullopt);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].endpoint, "clients");
  EXPECT_EQ((*pending)[0].transaction_id, "tx-1");
  EXPECT_EQ((*pending)[0].account, "alice");
  EXPECT_EQ((*pending)[0].subject, "CN=laptop-1");
  auto by_endpoint = requests().list("clients");
  ASSERT_TRUE(by_endpoint);
  EXPECT_EQ(by_endpoint->size(), 1u);
  expect_error(requests().list("nope"), ErrorCategory::not_found, "endpoint");
}

TEST_F(RequestsTest, ApprovalIssuesWithTheAccountsProfileAndTerm) {
  make_pending("tx-1", "laptop-1");
  auto issued = requests().approve("clients", "tx-1");
  ASSERT_TRUE(issued) << issued.error().client_text << issued.error().log_text;
  EXPECT_EQ(issued->status, "valid");
  EXPECT_EQ(issued->endpoint, "clients");
  EXPECT_EQ(issued->account, "alice");
  EXPECT_EQ(issued->transaction_id, "tx-1");
  auto certificate = crypto::Certificate::from_pem(issued->pem);
  ASSERT_TRUE(certificate);
  EXPECT_EQ(certificate->subject_text(), "CN=laptop-1");
  const auto lifetime = issued->not_after - issued->not_before;
  EXPECT_NEAR(static_cast<double>(lifetime), 365.0 * 86400, 2 * 86400);

  auto pending = requests().list(std::nullopt);
  ASSERT_TRUE(pending);
  EXPECT_TRUE(pending->empty());
  expect_error(requests().approve("clients", "tx-1"), ErrorCategory::conflict, "transaction_id");
  expect_error(requests().approve("clients", "tx-404"), ErrorCategory::not_found, "transaction_id");
}

TEST_F(RequestsTest, RejectionDecidesTheRequest) {
  make_pending("tx-2", "laptop-2");
  ASSERT_TRUE(requests().reject("clients", "tx-2", ""));
  auto tx = workspace_->store().find_transaction(endpoint_.id, "tx-2");
  ASSERT_TRUE(tx);
  ASSERT_TRUE(tx->has_value());
  EXPECT_EQ((*tx)->status, "rejected");
  EXPECT_EQ((*tx)->reason, "rejected by an administrator");
  expect_error(requests().approve("clients", "tx-2"), ErrorCategory::conflict, "transaction_id");
  expect_error(requests().reject("clients", "tx-2", "again"), ErrorCategory::conflict,
               "transaction_id");
}

// Approval issues with the account's profile and term: a request must not outlive its account.
TEST_F(RequestsTest, AccountsAndEndpointsWithPendingRequestsAreNotDeleted) {
  make_pending("tx-1", "laptop-1");
  make_pending("tx-2", "laptop-2");
  Accounts accounts(*workspace_, actor_);
  auto refused = accounts.remove("clients", "alice");
  expect_error(refused, ErrorCategory::conflict, "account");
  EXPECT_EQ(refused.error().client_text,
            "account 'alice' has 2 pending request(s); approve or reject them first");
  Endpoints endpoints(*workspace_, actor_);
  auto endpoint_refused = endpoints.remove("clients", false);
  expect_error(endpoint_refused, ErrorCategory::conflict, "endpoint");
  EXPECT_EQ(endpoint_refused.error().client_text,
            "endpoint 'clients' has 1 account(s), 0 certificate(s) and 2 pending request(s); "
            "delete it with force");

  ASSERT_TRUE(requests().approve("clients", "tx-1"));
  ASSERT_TRUE(requests().reject("clients", "tx-2", ""));
  ASSERT_TRUE(accounts.remove("clients", "alice"));
  auto pending = requests().list(std::nullopt);
  ASSERT_TRUE(pending);
  EXPECT_TRUE(pending->empty());
}

TEST_F(RequestsTest, CertificatesCanBeFoundShownAndRevoked) {
  make_pending("tx-1", "laptop-1");
  make_pending("tx-2", "printer-2");
  ASSERT_TRUE(requests().approve("clients", "tx-1"));
  auto second = requests().approve("clients", "tx-2");
  ASSERT_TRUE(second);

  auto all = certificates().list({});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2u);
  auto printers = certificates().list({.subject_contains = "printer"});
  ASSERT_TRUE(printers);
  ASSERT_EQ(printers->size(), 1u);
  EXPECT_EQ((*printers)[0].serial, second->serial);
  auto alices = certificates().list({.endpoint = "clients", .account = "alice"});
  ASSERT_TRUE(alices);
  EXPECT_EQ(alices->size(), 2u);
  expect_error(certificates().list({.account = "alice"}), ErrorCategory::invalid, "account");
  expect_error(certificates().list({.status = "expired"}), ErrorCategory::invalid, "status");
  expect_error(certificates().list({.limit = 0}), ErrorCategory::invalid, "limit");

  std::string upper_with_colons;
  for (std::size_t i = 0; i < second->serial.size(); i += 2) {
    if (i > 0) upper_with_colons += ':';
    upper_with_colons += second->serial.substr(i, 2);
  }
  std::ranges::transform(upper_with_colons, upper_with_colons.begin(), ::toupper);
  auto shown = certificates().show(upper_with_colons);
  ASSERT_TRUE(shown) << shown.error().client_text;
  EXPECT_EQ(shown->serial, second->serial);
  EXPECT_FALSE(shown->pem.empty());
  expect_error(certificates().show("zz"), ErrorCategory::invalid, "serial");
  expect_error(certificates().show("0102"), ErrorCategory::not_found, "serial");

  expect_error(certificates().revoke(second->serial, "becauseISaidSo"), ErrorCategory::invalid,
               "reason");
  auto revoked = certificates().revoke(second->serial, "keyCompromise");
  ASSERT_TRUE(revoked) << revoked.error().client_text << revoked.error().log_text;
  EXPECT_EQ(revoked->status, "revoked");
  EXPECT_EQ(revoked->revocation_reason, "keyCompromise");
  ASSERT_TRUE(revoked->revoked_at);
  expect_error(certificates().revoke(second->serial, ""), ErrorCategory::conflict, "serial");
  auto revoked_only = certificates().list({.status = "revoked"});
  ASSERT_TRUE(revoked_only);
  ASSERT_EQ(revoked_only->size(), 1u);

  const auto events = audit_events();
  EXPECT_EQ(
      std::ranges::count(events, std::string("certificate.revoke"), &store::AuditEvent::action), 1);
  EXPECT_EQ(std::ranges::count(events, std::string("request.approve"), &store::AuditEvent::action),
            2);
}

}  // namespace
}  // namespace scepter::admin
