// The Store contract (store/store.hpp), run against every backend: SQLite, and PostgreSQL on a
// server this process starts. A backend passes when it answers exactly as this suite expects.
#include <gtest/gtest.h>

#include "contract_fixture.hpp"

namespace scepter::store {
namespace {

using testing::certificate;
using testing::EmptyStore;
using testing::fails_with;
using testing::ok;
using testing::SeededStore;
using testing::transaction;

SCEPTER_STORE_CONTRACT(EmptyStore);
SCEPTER_STORE_CONTRACT(SeededStore);

TEST_P(SeededStore, OrganizationsAreFoundByIdAndName) {
  auto beta = ok(store->create_organization({.name = "Beta", .created_at = 7}));
  EXPECT_GT(beta.id, s.organization.id);
  EXPECT_EQ(ok(store->get_organization(beta.id)).name, "Beta");
  EXPECT_EQ(ok(store->find_organization("Beta")).created_at, 7);
  auto all = ok(store->list_organizations());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "Acme");
  EXPECT_EQ(all[1].id, beta.id);
}

TEST_P(SeededStore, OrganizationNameIsUnique) {
  EXPECT_TRUE(fails_with(store->create_organization({.name = "Acme", .created_at = 1}),
                         ErrorCategory::conflict, "name"));
  EXPECT_TRUE(fails_with(store->get_organization(999), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->find_organization("nobody"), ErrorCategory::not_found));
}

TEST_P(SeededStore, DepartmentNamesAreUniqueWithinAnOrganization) {
  auto beta = ok(store->create_organization({.name = "Beta", .created_at = 1}));
  EXPECT_TRUE(
      fails_with(store->create_department(
                     {.organization_id = s.organization.id, .name = "Ops", .created_at = 1}),
                 ErrorCategory::conflict, "name"));
  auto ops =
      ok(store->create_department({.organization_id = beta.id, .name = "Ops", .created_at = 2}));
  EXPECT_EQ(ok(store->get_department(ops.id)).organization_id, beta.id);
  EXPECT_EQ(ok(store->find_department(beta.id, "Ops")).id, ops.id);
  EXPECT_EQ(ok(store->list_departments(std::nullopt)).size(), 2u);
  auto of_beta = ok(store->list_departments(beta.id));
  ASSERT_EQ(of_beta.size(), 1u);
  EXPECT_EQ(of_beta[0].id, ops.id);
  EXPECT_TRUE(fails_with(store->find_department(beta.id, "Sales"), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->get_department(999), ErrorCategory::not_found));
}

TEST_P(SeededStore, DepartmentOfAMissingOrganizationIsRefused) {
  EXPECT_TRUE(
      fails_with(store->create_department({.organization_id = 999, .name = "Ops", .created_at = 1}),
                 ErrorCategory::not_found));
}

TEST_P(SeededStore, ProfileListsRoundTripExactly) {
  Profile p;
  p.name = "odd";
  p.cert_type = "device";
  p.key_types = {"ec"};
  p.min_rsa_bits = 3072;
  p.min_ec_bits = 384;
  p.terms_days = {1, 30, -5, 3650};
  p.key_usage = 0xa0;
  p.extended_key_usage = {"1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1"};
  p.san_types = {};
  p.subject_attributes = {"O, with comma", "quote\"and\\slash", "", "[bracket]", "tab\tnl\n"};
  p.requires_approval = true;
  p.created_at = 9;
  auto created = ok(store->create_profile(p));
  auto read = ok(store->get_profile(created.id));
  EXPECT_EQ(read.name, p.name);
  EXPECT_EQ(read.cert_type, p.cert_type);
  EXPECT_EQ(read.key_types, p.key_types);
  EXPECT_EQ(read.min_rsa_bits, 3072);
  EXPECT_EQ(read.min_ec_bits, 384);
  EXPECT_EQ(read.terms_days, p.terms_days);
  EXPECT_EQ(read.key_usage, 0xa0u);
  EXPECT_EQ(read.extended_key_usage, p.extended_key_usage);
  EXPECT_TRUE(read.san_types.empty());
  EXPECT_EQ(read.subject_attributes, p.subject_attributes);
  EXPECT_TRUE(read.requires_approval);
  EXPECT_EQ(read.created_at, 9);
  EXPECT_EQ(ok(store->find_profile("odd")).id, created.id);
  EXPECT_EQ(ok(store->list_profiles()).size(), 2u);
  EXPECT_TRUE(fails_with(store->create_profile(p), ErrorCategory::conflict, "name"));
  EXPECT_TRUE(fails_with(store->find_profile("none"), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->get_profile(999), ErrorCategory::not_found));
}

TEST_P(SeededStore, ActivatingACaRetiresTheIssuingOne) {
  auto next = ok(store->create_ca({.name = "root-2",
                                   .role = "next",
                                   .parent_id = s.ca.id,
                                   .certificate_pem = "pem",
                                   .key_ref = "pkcs11:object=ca2",
                                   .created_at = 5}));
  EXPECT_EQ(ok(store->get_ca(next.id)).parent_id, s.ca.id);
  ok(store->activate_ca(next.id));
  EXPECT_EQ(ok(store->get_ca(s.ca.id)).role, "retired");
  EXPECT_EQ(ok(store->get_ca(next.id)).role, "issuing");
  auto all = ok(store->list_cas());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].key_ref, "pkcs11:object=ca2");

  EXPECT_TRUE(fails_with(store->activate_ca(999), ErrorCategory::not_found));
  EXPECT_EQ(ok(store->get_ca(next.id)).role, "issuing");
  EXPECT_TRUE(fails_with(store->get_ca(999), ErrorCategory::not_found));
}

TEST_P(SeededStore, OnlyOneCaIssues) {
  EXPECT_TRUE(fails_with(store->create_ca({.name = "other",
                                           .role = "issuing",
                                           .parent_id = std::nullopt,
                                           .certificate_pem = "pem",
                                           .key_ref = "k",
                                           .created_at = 1}),
                         ErrorCategory::conflict, "role"));
}

TEST_P(SeededStore, RaCertificatesAreUniqueByName) {
  auto read = ok(store->get_ra_certificate(s.ra.id));
  EXPECT_EQ(read.fingerprint, "ab01");
  EXPECT_EQ(read.not_after, 2);
  EXPECT_EQ(ok(store->find_ra_certificate("ra")).id, s.ra.id);
  EXPECT_EQ(ok(store->list_ra_certificates()).size(), 1u);
  RaCertificate again = s.ra;
  EXPECT_TRUE(fails_with(store->create_ra_certificate(again), ErrorCategory::conflict, "name"));
  again.name = "ra-2";
  again.ca_id = 999;
  EXPECT_TRUE(fails_with(store->create_ra_certificate(again), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->find_ra_certificate("none"), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->get_ra_certificate(999), ErrorCategory::not_found));
}

TEST_P(SeededStore, EndpointsRoundTripAndUpdate) {
  Endpoint intune = s.endpoint;
  intune.name = "Intune";
  intune.uri_extension = "intune";
  intune.type = "intune";
  intune.cert_type = "device";
  intune.delegation = "customized";
  intune.enabled = false;
  intune.allow_des3 = false;
  intune.organization_id = s.organization.id;
  intune.department_id = s.department.id;
  intune.profile_id = s.profile.id;
  intune.term_days = 90;
  intune = ok(store->create_endpoint(intune));

  auto read = ok(store->find_endpoint("intune"));
  EXPECT_EQ(read.id, intune.id);
  EXPECT_EQ(read.type, "intune");
  EXPECT_FALSE(read.enabled);
  EXPECT_FALSE(read.allow_des3);
  EXPECT_EQ(read.organization_id, s.organization.id);
  EXPECT_EQ(read.department_id, s.department.id);
  EXPECT_EQ(read.profile_id, s.profile.id);
  EXPECT_EQ(read.term_days, 90);
  EXPECT_EQ(read.azure_account_id, std::nullopt);
  auto plain = ok(store->get_endpoint(s.endpoint.id));
  EXPECT_EQ(plain.organization_id, std::nullopt);
  EXPECT_EQ(plain.getcacert_format, "single-der");
  EXPECT_TRUE(plain.enabled);

  read.getcert_format = "full-chain";
  read.term_days.reset();
  auto updated = ok(store->update_endpoint(read));
  EXPECT_EQ(updated.getcert_format, "full-chain");
  EXPECT_EQ(ok(store->get_endpoint(intune.id)).term_days, std::nullopt);
  EXPECT_EQ(ok(store->list_endpoints()).size(), 2u);
}

TEST_P(SeededStore, UriExtensionIsUnique) {
  Endpoint twin = s.endpoint;
  twin.name = "Twin";
  EXPECT_TRUE(fails_with(store->create_endpoint(twin), ErrorCategory::conflict, "uri_extension"));
  twin.uri_extension = "twin";
  twin = ok(store->create_endpoint(twin));
  twin.uri_extension = "demo";
  EXPECT_TRUE(fails_with(store->update_endpoint(twin), ErrorCategory::conflict, "uri_extension"));
  EXPECT_EQ(ok(store->get_endpoint(twin.id)).uri_extension, "twin");
  twin.id = 999;
  twin.uri_extension = "free";
  EXPECT_TRUE(fails_with(store->update_endpoint(twin), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->find_endpoint("free"), ErrorCategory::not_found));
}

TEST_P(SeededStore, DelegationsAreReplacedAsAWhole) {
  std::vector<Delegation> first = {{s.organization.id, std::nullopt},
                                   {s.organization.id, s.department.id}};
  ok(store->set_delegations(s.endpoint.id, first));
  EXPECT_EQ(ok(store->list_delegations(s.endpoint.id)), first);
  std::vector<Delegation> second = {{s.organization.id, s.department.id}};
  ok(store->set_delegations(s.endpoint.id, second));
  EXPECT_EQ(ok(store->list_delegations(s.endpoint.id)), second);
  EXPECT_TRUE(fails_with(store->set_delegations(999, second), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->set_delegations(s.endpoint.id, {{999, std::nullopt}}),
                         ErrorCategory::not_found));
  EXPECT_EQ(ok(store->list_delegations(s.endpoint.id)), second);
}

TEST_P(SeededStore, AccountsAreFoundByNameAndCode) {
  auto alice = ok(store->create_account(account("alice", {1, 2, 3})));
  auto whole_org = account("bob", {4, 5, 6});
  whole_org.department_id = 0;
  auto bob = ok(store->create_account(whole_org));

  EXPECT_EQ(ok(store->get_account(alice.id)).access_code_digest, (Bytes{1, 2, 3}));
  EXPECT_EQ(ok(store->get_account(bob.id)).department_id, 0);
  EXPECT_EQ(ok(store->find_account(s.endpoint.id, "bob")).id, bob.id);
  auto by_code = ok(store->find_account_by_code(s.endpoint.id, Bytes{4, 5, 6}));
  ASSERT_TRUE(by_code);
  EXPECT_EQ(by_code->id, bob.id);
  EXPECT_FALSE(ok(store->find_account_by_code(s.endpoint.id, Bytes{9})));
  EXPECT_FALSE(ok(store->find_account_by_code(999, Bytes{4, 5, 6})));
  EXPECT_EQ(ok(store->list_accounts(s.endpoint.id)).size(), 2u);
  EXPECT_EQ(ok(store->count_accounts(s.endpoint.id)), 2);
  EXPECT_TRUE(fails_with(store->find_account(s.endpoint.id, "carol"), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->get_account(999), ErrorCategory::not_found));
}

TEST_P(SeededStore, AccountNamesAreUniquePerEndpoint) {
  ok(store->create_account(account("alice", {1})));
  EXPECT_TRUE(
      fails_with(store->create_account(account("alice", {2})), ErrorCategory::conflict, "name"));
  Endpoint other = s.endpoint;
  other.uri_extension = "other";
  other = ok(store->create_endpoint(other));
  auto elsewhere = account("alice", {2});
  elsewhere.endpoint_id = other.id;
  EXPECT_TRUE(store->create_account(elsewhere));
  auto orphan = account("dave", {3});
  orphan.profile_id = 999;
  EXPECT_TRUE(fails_with(store->create_account(orphan), ErrorCategory::not_found));
}

TEST_P(SeededStore, AccessCodeRotatesAndAccountsDelete) {
  auto alice = ok(store->create_account(account("alice", {1})));
  ok(store->update_access_code(alice.id, Bytes{7, 7}, 300));
  auto read = ok(store->get_account(alice.id));
  EXPECT_EQ(read.access_code_digest, (Bytes{7, 7}));
  EXPECT_EQ(read.code_rotated_at, 300);
  EXPECT_EQ(read.created_at, 200);
  EXPECT_FALSE(ok(store->find_account_by_code(s.endpoint.id, Bytes{1})));
  EXPECT_TRUE(fails_with(store->update_access_code(999, Bytes{1}, 1), ErrorCategory::not_found));

  auto tx = transaction(s, "tx-of-alice");
  tx.account_id = alice.id;
  ok(store->create_pending(tx));
  ok(store->delete_account(alice.id));
  EXPECT_TRUE(fails_with(store->get_account(alice.id), ErrorCategory::not_found));
  EXPECT_EQ(ok(store->find_transaction(s.endpoint.id, "tx-of-alice"))->account_id, std::nullopt);
  EXPECT_TRUE(fails_with(store->delete_account(alice.id), ErrorCategory::not_found));
}

TEST_P(SeededStore, DeletingAnEndpointKeepsItsCertificates) {
  auto alice = ok(store->create_account(account("alice", {1})));
  ok(store->set_delegations(s.endpoint.id, {{s.organization.id, std::nullopt}}));
  ok(store->create_pending(transaction(s, "pending-1")));
  auto cert = certificate(s, "0a0b", "CN=kept");
  cert.account_id = alice.id;
  ok(store->record_issuance(transaction(s, "issued-1"), cert));
  ok(store->record_rejection({.endpoint_id = s.endpoint.id,
                              .transaction_id = "bad-1",
                              .reason = "wrong code",
                              .client_address = "192.0.2.9",
                              .at = 5}));

  ok(store->delete_endpoint(s.endpoint.id));
  EXPECT_TRUE(fails_with(store->get_endpoint(s.endpoint.id), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->get_account(alice.id), ErrorCategory::not_found));
  EXPECT_TRUE(ok(store->list_delegations(s.endpoint.id)).empty());
  EXPECT_FALSE(ok(store->find_transaction(s.endpoint.id, "pending-1")));
  EXPECT_TRUE(ok(store->list_rejections(s.endpoint.id, {})).empty());
  auto kept = ok(store->get_certificate("0a0b"));
  EXPECT_EQ(kept.endpoint_id, s.endpoint.id);
  EXPECT_EQ(kept.account_id, alice.id);
  ok(store->revoke_certificate("0a0b", 1, 50));
  EXPECT_TRUE(fails_with(store->delete_endpoint(s.endpoint.id), ErrorCategory::not_found));
}

TEST_P(SeededStore, PendingTransactionsAreUniqueAndListed) {
  auto created = ok(store->create_pending(transaction(s, "tx-1")));
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.status, "pending");
  EXPECT_TRUE(fails_with(store->create_pending(transaction(s, "tx-1")), ErrorCategory::conflict,
                         "transaction_id"));
  auto read = ok(store->find_transaction(s.endpoint.id, "tx-1"));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, "pending");
  EXPECT_EQ(read->csr_der, (Bytes{0x30, 0x00}));
  EXPECT_EQ(read->public_key_sha256, (Bytes{0xaa, 0xbb}));
  EXPECT_EQ(read->client_address, "192.0.2.7");
  EXPECT_EQ(read->certificate_serial, std::nullopt);
  EXPECT_FALSE(ok(store->find_transaction(s.endpoint.id, "tx-2")));

  Endpoint other = s.endpoint;
  other.uri_extension = "other";
  other = ok(store->create_endpoint(other));
  auto elsewhere = transaction(s, "tx-1");
  elsewhere.endpoint_id = other.id;
  ok(store->create_pending(elsewhere));
  EXPECT_EQ(ok(store->list_pending(std::nullopt)).size(), 2u);
  auto on_other = ok(store->list_pending(other.id));
  ASSERT_EQ(on_other.size(), 1u);
  EXPECT_EQ(on_other[0].endpoint_id, other.id);
}

TEST_P(SeededStore, IssuanceMovesAPendingTransactionToIssued) {
  ok(store->create_pending(transaction(s, "tx-1")));
  auto decided = transaction(s, "tx-1");
  decided.updated_at = 1500;
  ok(store->record_issuance(decided, certificate(s, "01", "CN=device")));
  auto read = ok(store->find_transaction(s.endpoint.id, "tx-1"));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, "issued");
  EXPECT_EQ(read->certificate_serial, "01");
  EXPECT_EQ(read->updated_at, 1500);
  EXPECT_EQ(read->created_at, 1000);
  EXPECT_TRUE(ok(store->list_pending(std::nullopt)).empty());
}

TEST_P(SeededStore, IssuanceWithoutPendingInsertsAnIssuedTransaction) {
  ok(store->record_issuance(transaction(s, "tx-1"), certificate(s, "01", "CN=device")));
  auto read = ok(store->find_transaction(s.endpoint.id, "tx-1"));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, "issued");
  EXPECT_EQ(read->certificate_serial, "01");
  auto cert = ok(store->get_certificate("01"));
  EXPECT_EQ(cert.status, "valid");
  EXPECT_EQ(cert.der, (Bytes{0x30, 0x03, 0x02, 0x01, 0x01}));
  EXPECT_EQ(cert.alt_names, "dns:a.example");
  EXPECT_EQ(cert.revoked_at, std::nullopt);
}

TEST_P(SeededStore, IssuanceWithATakenSerialLeavesNothingBehind) {
  ok(store->record_issuance(transaction(s, "tx-1"), certificate(s, "01", "CN=first")));
  EXPECT_TRUE(
      fails_with(store->record_issuance(transaction(s, "tx-2"), certificate(s, "01", "CN=second")),
                 ErrorCategory::conflict, "serial"));
  EXPECT_FALSE(ok(store->find_transaction(s.endpoint.id, "tx-2")));
  EXPECT_EQ(ok(store->get_certificate("01")).subject, "CN=first");

  // The certificate is inserted first; a taken transaction must undo it.
  EXPECT_TRUE(
      fails_with(store->record_issuance(transaction(s, "tx-1"), certificate(s, "02", "CN=again")),
                 ErrorCategory::conflict, "transaction_id"));
  EXPECT_TRUE(fails_with(store->get_certificate("02"), ErrorCategory::not_found));
  EXPECT_EQ(ok(store->count_certificates(s.endpoint.id)), 1);
}

TEST_P(SeededStore, RejectingOnlyAppliesToPendingTransactions) {
  ok(store->create_pending(transaction(s, "tx-1")));
  ok(store->reject_pending(s.endpoint.id, "tx-1", "denied by admin", 1200));
  auto read = ok(store->find_transaction(s.endpoint.id, "tx-1"));
  EXPECT_EQ(read->status, "rejected");
  EXPECT_EQ(read->reason, "denied by admin");
  EXPECT_EQ(read->updated_at, 1200);
  EXPECT_TRUE(fails_with(store->reject_pending(s.endpoint.id, "tx-1", "again", 1300),
                         ErrorCategory::conflict, "status"));
  EXPECT_TRUE(
      fails_with(store->reject_pending(s.endpoint.id, "nope", "x", 1), ErrorCategory::not_found));
  EXPECT_TRUE(
      fails_with(store->record_issuance(transaction(s, "tx-1"), certificate(s, "01", "CN=x")),
                 ErrorCategory::conflict, "transaction_id"));
}

TEST_P(SeededStore, CertificatesAreFilteredAndPaged) {
  Endpoint other = s.endpoint;
  other.uri_extension = "other";
  other = ok(store->create_endpoint(other));
  auto alice = ok(store->create_account(account("alice", {1})));
  for (int i = 0; i < 5; ++i) {
    auto cert = certificate(s, "a" + std::to_string(i), "CN=host" + std::to_string(i) + ",O=Acme");
    if (i == 1) cert.account_id = alice.id;
    ok(store->record_issuance(transaction(s, "tx-" + std::to_string(i)), cert));
  }
  auto foreign = certificate(s, "b0", "CN=100%_sure");
  foreign.endpoint_id = other.id;
  auto foreign_tx = transaction(s, "tx-b");
  foreign_tx.endpoint_id = other.id;
  ok(store->record_issuance(foreign_tx, foreign));

  EXPECT_EQ(ok(store->list_certificates({})).size(), 6u);
  EXPECT_EQ(ok(store->count_certificates(s.endpoint.id)), 5);
  EXPECT_EQ(ok(store->list_certificates({.endpoint_id = other.id})).size(), 1u);
  auto of_alice = ok(store->list_certificates({.account_id = alice.id}));
  ASSERT_EQ(of_alice.size(), 1u);
  EXPECT_EQ(of_alice[0].serial, "a1");

  auto page = ok(store->list_certificates({.endpoint_id = s.endpoint.id, .page = {2, 1}}));
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].serial, "a3");  // newest first
  EXPECT_EQ(page[1].serial, "a2");

  auto host3 = ok(store->list_certificates({.subject_contains = "host3"}));
  ASSERT_EQ(host3.size(), 1u);
  EXPECT_EQ(host3[0].serial, "a3");
  EXPECT_EQ(ok(store->list_certificates({.subject_contains = "%_"})).size(), 1u);
  EXPECT_TRUE(ok(store->list_certificates({.subject_contains = "h_st"})).empty());

  ok(store->revoke_certificate("a2", 4, 3000));
  auto revoked = ok(store->list_certificates({.endpoint_id = s.endpoint.id, .status = "revoked"}));
  ASSERT_EQ(revoked.size(), 1u);
  EXPECT_EQ(revoked[0].serial, "a2");
  EXPECT_EQ(ok(store->list_certificates({.status = "valid"})).size(), 5u);
  EXPECT_TRUE(
      fails_with(store->list_certificates({.page = {-1, 0}}), ErrorCategory::invalid, "limit"));
  EXPECT_TRUE(
      fails_with(store->list_certificates({.page = {10, -1}}), ErrorCategory::invalid, "offset"));
}

TEST_P(SeededStore, CertificatesAreFoundBySerialNamesAndExpiry) {
  for (int i = 0; i < 4; ++i) {
    auto cert = certificate(s, "c" + std::to_string(i), "CN=device" + std::to_string(i));
    cert.alt_names = "dns:Device" + std::to_string(i) + ".example.com";
    cert.not_after = 1000 * (i + 1);
    ok(store->record_issuance(transaction(s, "tx-" + std::to_string(i)), cert));
  }
  auto by_serial = ok(store->list_certificates({.serial = "c2"}));
  ASSERT_EQ(by_serial.size(), 1u);
  EXPECT_EQ(by_serial[0].subject, "CN=device2");
  EXPECT_TRUE(ok(store->list_certificates({.serial = "C2"})).empty());

  auto by_name = ok(store->list_certificates({.alt_names_contains = "device1.EXAMPLE"}));
  ASSERT_EQ(by_name.size(), 1u);
  EXPECT_EQ(by_name[0].serial, "c1");
  EXPECT_EQ(ok(store->list_certificates({.alt_names_contains = "example.com"})).size(), 4u);
  EXPECT_TRUE(ok(store->list_certificates({.alt_names_contains = "dev_ce"})).empty());

  // not_after is 1000, 2000, 3000, 4000.
  auto expiring = ok(store->list_certificates({.not_after_before = 3000}));
  ASSERT_EQ(expiring.size(), 2u);
  EXPECT_EQ(expiring[0].serial, "c1");
  auto later = ok(store->list_certificates({.not_after_at_least = 3000}));
  ASSERT_EQ(later.size(), 2u);
  EXPECT_EQ(later[1].serial, "c2");
  EXPECT_EQ(ok(store->list_certificates(
                   {.serial = "c1", .not_after_before = 3000, .not_after_at_least = 2000}))
                .size(),
            1u);
}

TEST_P(SeededStore, OnlyACertificateOnHoldIsReleased) {
  ok(store->record_issuance(transaction(s, "tx-1"), certificate(s, "01", "CN=held")));
  ok(store->record_issuance(transaction(s, "tx-2"), certificate(s, "02", "CN=compromised")));
  ok(store->record_issuance(transaction(s, "tx-3"), certificate(s, "03", "CN=valid")));
  ok(store->revoke_certificate("01", kCertificateHold, 3000));
  ok(store->revoke_certificate("02", 1, 3000));

  ok(store->release_certificate_hold("01"));
  auto released = ok(store->get_certificate("01"));
  EXPECT_EQ(released.status, "valid");
  EXPECT_EQ(released.revoked_at, std::nullopt);
  EXPECT_EQ(released.revocation_reason, std::nullopt);
  EXPECT_EQ(ok(store->list_revoked(s.ca.id)).size(), 1u);
  EXPECT_EQ(ok(store->list_certificates({.status = "valid"})).size(), 2u);

  EXPECT_TRUE(fails_with(store->release_certificate_hold("01"), ErrorCategory::conflict, "status"));
  EXPECT_TRUE(fails_with(store->release_certificate_hold("02"), ErrorCategory::conflict, "status"));
  EXPECT_TRUE(fails_with(store->release_certificate_hold("03"), ErrorCategory::conflict, "status"));
  EXPECT_TRUE(fails_with(store->release_certificate_hold("ff"), ErrorCategory::not_found));
  auto compromised = ok(store->get_certificate("02"));
  EXPECT_EQ(compromised.status, "revoked");
  EXPECT_EQ(compromised.revoked_at, 3000);
  EXPECT_EQ(compromised.revocation_reason, 1);
  EXPECT_EQ(ok(store->get_certificate("03")).status, "valid");

  // Released, it can be held or revoked again like any valid certificate.
  ok(store->revoke_certificate("01", 1, 4000));
  auto revoked_again = ok(store->get_certificate("01"));
  EXPECT_EQ(revoked_again.revoked_at, 4000);
  EXPECT_EQ(revoked_again.revocation_reason, 1);
}

TEST_P(SeededStore, AHoldBecomesAFinalRevocationAndKeepsItsDate) {
  ok(store->record_issuance(transaction(s, "tx-1"), certificate(s, "01", "CN=held")));
  ok(store->revoke_certificate("01", kCertificateHold, 3000));
  EXPECT_TRUE(fails_with(store->revoke_certificate("01", kCertificateHold, 3100),
                         ErrorCategory::conflict, "status"));
  ok(store->revoke_certificate("01", 1, 3200));
  auto revoked = ok(store->get_certificate("01"));
  EXPECT_EQ(revoked.status, "revoked");
  EXPECT_EQ(revoked.revoked_at, 3000);
  EXPECT_EQ(revoked.revocation_reason, 1);
  EXPECT_TRUE(
      fails_with(store->revoke_certificate("01", 4, 3300), ErrorCategory::conflict, "status"));
  EXPECT_TRUE(fails_with(store->release_certificate_hold("01"), ErrorCategory::conflict, "status"));
}

TEST_P(SeededStore, RevocationIsRecordedOnce) {
  ok(store->record_issuance(transaction(s, "tx-1"), certificate(s, "01", "CN=a")));
  ok(store->record_issuance(transaction(s, "tx-2"), certificate(s, "02", "CN=b")));
  ok(store->revoke_certificate("02", 1, 3000));
  ok(store->revoke_certificate("01", 4, 3100));
  auto cert = ok(store->get_certificate("02"));
  EXPECT_EQ(cert.status, "revoked");
  EXPECT_EQ(cert.revoked_at, 3000);
  EXPECT_EQ(cert.revocation_reason, 1);
  EXPECT_TRUE(
      fails_with(store->revoke_certificate("02", 1, 3200), ErrorCategory::conflict, "status"));
  EXPECT_EQ(ok(store->get_certificate("02")).revoked_at, 3000);
  EXPECT_TRUE(fails_with(store->revoke_certificate("ff", 1, 1), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->get_certificate("ff"), ErrorCategory::not_found));

  auto revoked = ok(store->list_revoked(s.ca.id));
  ASSERT_EQ(revoked.size(), 2u);
  EXPECT_EQ(revoked[0].serial, "02");
  EXPECT_EQ(revoked[1].serial, "01");
  EXPECT_TRUE(ok(store->list_revoked(999)).empty());
}

TEST_P(SeededStore, LatestCrlHasTheHighestNumber) {
  EXPECT_FALSE(ok(store->latest_crl(s.ca.id)));
  ok(store->save_crl(
      {.ca_id = s.ca.id, .number = 2, .der = {2}, .this_update = 20, .next_update = 30}));
  ok(store->save_crl(
      {.ca_id = s.ca.id, .number = 1, .der = {1}, .this_update = 10, .next_update = 20}));
  auto latest = ok(store->latest_crl(s.ca.id));
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->number, 2);
  EXPECT_EQ(latest->der, Bytes{2});
  EXPECT_EQ(latest->next_update, 30);
  EXPECT_TRUE(fails_with(
      store->save_crl(
          {.ca_id = s.ca.id, .number = 2, .der = {9}, .this_update = 1, .next_update = 2}),
      ErrorCategory::conflict, "number"));
  EXPECT_TRUE(fails_with(
      store->save_crl({.ca_id = 999, .number = 1, .der = {9}, .this_update = 1, .next_update = 2}),
      ErrorCategory::not_found));
}

TEST_P(SeededStore, RejectionsAreListedNewestFirst) {
  for (int i = 0; i < 3; ++i) {
    ok(store->record_rejection({.endpoint_id = s.endpoint.id,
                                .transaction_id = "tx-" + std::to_string(i),
                                .reason = "bad challenge",
                                .client_address = "192.0.2.1",
                                .at = 10 + i}));
  }
  auto all = ok(store->list_rejections(s.endpoint.id, {}));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].transaction_id, "tx-2");
  EXPECT_EQ(all[0].at, 12);
  auto second = ok(store->list_rejections(s.endpoint.id, {.limit = 1, .offset = 1}));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].transaction_id, "tx-1");
  EXPECT_TRUE(fails_with(store->list_rejections(s.endpoint.id, {.limit = -1, .offset = 0}),
                         ErrorCategory::invalid, "limit"));
}

// Unauthenticated clients cause rejections at will: each endpoint keeps only its newest 1000.
TEST_P(SeededStore, RejectionsKeepOnlyTheNewestPerEndpoint) {
  constexpr int kKept = 1000;
  Endpoint other = s.endpoint;
  other.uri_extension = "other";
  other = ok(store->create_endpoint(other));
  ok(store->record_rejection(
      {.endpoint_id = other.id, .transaction_id = "other-1", .reason = "r", .at = 1}));
  for (int i = 0; i < kKept + 5; ++i) {
    ok(store->record_rejection({.endpoint_id = s.endpoint.id,
                                .transaction_id = "tx-" + std::to_string(i),
                                .reason = "bad challenge",
                                .client_address = "192.0.2.1",
                                .at = i}));
  }
  auto kept = ok(store->list_rejections(s.endpoint.id, {.limit = kKept + 10, .offset = 0}));
  ASSERT_EQ(kept.size(), static_cast<std::size_t>(kKept));
  EXPECT_EQ(kept.front().transaction_id, "tx-" + std::to_string(kKept + 4));
  EXPECT_EQ(kept.back().transaction_id, "tx-5");
  EXPECT_EQ(ok(store->list_rejections(other.id, {})).size(), 1u);
}

TEST_P(SeededStore, FailuresCountWithinASlidingWindow) {
  EXPECT_EQ(ok(store->count_failures("ip:192.0.2.1", 1000, 60)), 0);
  EXPECT_EQ(ok(store->add_failure("ip:192.0.2.1", 1000, 60)), 1);
  EXPECT_EQ(ok(store->add_failure("ip:192.0.2.1", 1030, 60)), 2);
  EXPECT_EQ(ok(store->add_failure("ip:192.0.2.2", 1030, 60)), 1);
  EXPECT_EQ(ok(store->count_failures("ip:192.0.2.1", 1059, 60)), 2);
  EXPECT_EQ(ok(store->count_failures("ip:192.0.2.1", 1060, 60)), 1);
  EXPECT_EQ(ok(store->add_failure("ip:192.0.2.1", 1085, 60)), 2);
  EXPECT_EQ(ok(store->count_failures("ip:192.0.2.1", 1200, 60)), 0);
  EXPECT_EQ(ok(store->count_failures("ip:192.0.2.2", 1031, 60)), 1);
}

TEST_P(SeededStore, AuditIsListedNewestFirst) {
  for (int i = 0; i < 3; ++i) {
    ok(store->append_audit({.id = 0,
                            .at = 100 + i,
                            .actor = "cli:root",
                            .action = "endpoint.update",
                            .target = "endpoint:demo",
                            .source = "local",
                            .before = "{\"n\":" + std::to_string(i) + "}",
                            .after = "{}"}));
  }
  auto events = ok(store->list_audit({.limit = 2, .offset = 0}));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].at, 102);
  EXPECT_EQ(events[0].before, "{\"n\":2}");
  EXPECT_EQ(events[1].actor, "cli:root");
  EXPECT_GT(events[0].id, events[1].id);
  EXPECT_TRUE(
      fails_with(store->list_audit({.limit = 1, .offset = -3}), ErrorCategory::invalid, "offset"));
}

TEST_P(SeededStore, SettingsAreUpserted) {
  EXPECT_EQ(ok(store->get_setting("public_base")), std::nullopt);
  ok(store->set_setting("public_base", "https://a.example"));
  ok(store->set_setting("public_base", "https://b.example"));
  EXPECT_EQ(ok(store->get_setting("public_base")), "https://b.example");
  EXPECT_TRUE(
      fails_with(store->set_setting("config_generation", "0"), ErrorCategory::invalid, "key"));
}

TEST_P(SeededStore, ConfigurationWritesBumpTheGeneration) {
  auto before = generation();
  auto org = ok(store->create_organization({.name = "Beta", .created_at = 1}));
  EXPECT_EQ(generation(), before + 1);
  ok(store->create_department({.organization_id = org.id, .name = "Ops", .created_at = 1}));
  Profile profile = s.profile;
  profile.name = "other";
  ok(store->create_profile(profile));
  auto next = ok(store->create_ca({.name = "next",
                                   .role = "next",
                                   .parent_id = std::nullopt,
                                   .certificate_pem = "pem",
                                   .key_ref = "k",
                                   .created_at = 1}));
  ok(store->activate_ca(next.id));
  RaCertificate ra = s.ra;
  ra.name = "ra-2";
  ok(store->create_ra_certificate(ra));
  Endpoint endpoint = s.endpoint;
  endpoint.uri_extension = "second";
  endpoint = ok(store->create_endpoint(endpoint));
  ok(store->update_endpoint(endpoint));
  ok(store->set_delegations(endpoint.id, {}));
  auto alice = ok(store->create_account(account("alice", {1})));
  ok(store->update_access_code(alice.id, Bytes{2}, 1));
  ok(store->delete_account(alice.id));
  ok(store->delete_endpoint(endpoint.id));
  EXPECT_EQ(generation(), before + 13);
}

TEST_P(SeededStore, OtherWritesAndFailedWritesLeaveTheGeneration) {
  auto before = generation();
  ok(store->create_pending(transaction(s, "tx-1")));
  ok(store->record_issuance(transaction(s, "tx-1"), certificate(s, "01", "CN=a")));
  ok(store->revoke_certificate("01", 1, 1));
  ok(store->save_crl(
      {.ca_id = s.ca.id, .number = 1, .der = {1}, .this_update = 1, .next_update = 2}));
  ok(store->add_failure("k", 1, 60));
  ok(store->append_audit({.id = 0,
                          .at = 1,
                          .actor = "a",
                          .action = "b",
                          .target = "c",
                          .source = "d",
                          .before = "",
                          .after = ""}));
  ok(store->set_setting("x", "y"));
  EXPECT_FALSE(store->create_organization({.name = "Acme", .created_at = 1}));
  EXPECT_FALSE(store->delete_endpoint(999));
  EXPECT_EQ(generation(), before);
}

TEST_P(EmptyStore, AdminsAreFoundByIdAndUsername) {
  auto org = ok(store->create_organization({.name = "Acme", .created_at = 1}));
  auto rao = ok(store->create_admin({.username = "rita",
                                     .password_hash = "h",
                                     .role = "rao",
                                     .organization_id = org.id,
                                     .created_at = 5}));
  EXPECT_EQ(ok(store->get_admin(rao.id)).username, "rita");
  auto found = ok(store->find_admin("rita"));
  EXPECT_EQ(found.organization_id, org.id);
  EXPECT_FALSE(found.department_id);
  EXPECT_FALSE(found.last_login_at);
  ok(store->record_login(rao.id, 77));
  EXPECT_EQ(ok(store->get_admin(rao.id)).last_login_at, 77);
  EXPECT_EQ(ok(store->list_admins()).size(), 1u);
}

TEST_P(EmptyStore, UsernameIsUniqueAndMissingAdminsAreNotFound) {
  add_admin("root");
  EXPECT_TRUE(
      fails_with(store->create_admin(
                     {.username = "root", .password_hash = "h", .role = "mrao", .created_at = 1}),
                 ErrorCategory::conflict, "username"));
  EXPECT_TRUE(fails_with(store->find_admin("nobody"), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->record_login(999, 1), ErrorCategory::not_found));
}

TEST_P(EmptyStore, DisablingAnAdminRevokesTheirTokensAndEndsTheirSessions) {
  auto admin = add_admin("rita");
  auto other = add_admin("root");
  auto token = [&](const Admin& owner, std::uint8_t digest) {
    return ok(store->create_api_token(
        {.admin_id = owner.id, .name = "t", .token_digest = Bytes(32, digest), .created_at = 1}));
  };
  auto revoked_before = token(admin, 1);
  ok(store->revoke_api_token(revoked_before.id, 5));
  token(admin, 2);
  token(other, 3);
  for (std::uint8_t digest : {7, 8}) {
    ok(store->create_session({.admin_id = digest == 7 ? admin.id : other.id,
                              .token_digest = Bytes(32, digest),
                              .client_address = "192.0.2.1",
                              .created_at = 1,
                              .expires_at = 1000}));
  }
  ok(store->disable_admin(admin.id, 50));
  EXPECT_TRUE(ok(store->get_admin(admin.id)).disabled);
  EXPECT_EQ(ok(store->find_api_token(Bytes(32, 1))).revoked_at, 5);
  EXPECT_EQ(ok(store->find_api_token(Bytes(32, 2))).revoked_at, 50);
  EXPECT_TRUE(fails_with(store->find_session(Bytes(32, 7)), ErrorCategory::not_found));
  // Nobody else is touched.
  EXPECT_FALSE(ok(store->get_admin(other.id)).disabled);
  EXPECT_EQ(ok(store->find_api_token(Bytes(32, 3))).revoked_at, std::nullopt);
  EXPECT_EQ(ok(store->find_session(Bytes(32, 8))).admin_id, other.id);

  ok(store->enable_admin(admin.id));
  EXPECT_FALSE(ok(store->get_admin(admin.id)).disabled);
  EXPECT_EQ(ok(store->find_api_token(Bytes(32, 2))).revoked_at, 50);
  EXPECT_TRUE(fails_with(store->disable_admin(999, 1), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->enable_admin(999), ErrorCategory::not_found));
}

TEST_P(EmptyStore, TokensAreFoundByDigestAndRevokedOnce) {
  auto admin = add_admin("root");
  auto token = ok(store->create_api_token({.admin_id = admin.id,
                                           .name = "ci",
                                           .token_digest = Bytes(32, 0xAB),
                                           .created_at = 10,
                                           .expires_at = 1000}));
  EXPECT_EQ(ok(store->find_api_token(Bytes(32, 0xAB))).id, token.id);
  EXPECT_TRUE(fails_with(store->find_api_token(Bytes(32, 0xCD)), ErrorCategory::not_found));
  ok(store->revoke_api_token(token.id, 20));
  ok(store->revoke_api_token(token.id, 30));
  EXPECT_EQ(ok(store->find_api_token(Bytes(32, 0xAB))).revoked_at, 20);
  EXPECT_TRUE(fails_with(store->revoke_api_token(999, 1), ErrorCategory::not_found));
  EXPECT_EQ(ok(store->list_api_tokens(admin.id)).size(), 1u);
  EXPECT_EQ(ok(store->list_api_tokens(std::nullopt)).size(), 1u);
  EXPECT_TRUE(ok(store->list_api_tokens(admin.id + 1)).empty());
  EXPECT_TRUE(fails_with(store->create_api_token({.admin_id = admin.id,
                                                  .name = "again",
                                                  .token_digest = Bytes(32, 0xAB),
                                                  .created_at = 11}),
                         ErrorCategory::conflict, "token_digest"));
}

TEST_P(EmptyStore, SessionsExpireAndArePrunedByLaterLogins) {
  auto admin = add_admin("root");
  ok(store->create_session({.admin_id = admin.id,
                            .token_digest = Bytes(32, 1),
                            .client_address = "192.0.2.1",
                            .created_at = 100,
                            .expires_at = 200}));
  EXPECT_EQ(ok(store->find_session(Bytes(32, 1))).expires_at, 200);
  ok(store->create_session({.admin_id = admin.id,
                            .token_digest = Bytes(32, 2),
                            .client_address = "192.0.2.1",
                            .created_at = 300,
                            .expires_at = 400}));
  EXPECT_TRUE(fails_with(store->find_session(Bytes(32, 1)), ErrorCategory::not_found));
  ok(store->delete_session(Bytes(32, 2)));
  EXPECT_TRUE(fails_with(store->find_session(Bytes(32, 2)), ErrorCategory::not_found));
}

TEST_P(SeededStore, AccountsRoundTripAndUpdate) {
  auto before = ok(store->config_generation());
  auto created = ok(store->create_azure_account(azure_account("contoso")));
  EXPECT_GT(ok(store->config_generation()), before);
  auto read = ok(store->find_azure_account("contoso"));
  EXPECT_EQ(read.id, created.id);
  EXPECT_EQ(read.client_secret_encrypted, (Bytes{1, 2, 3, 0, 255}));
  EXPECT_EQ(read.delegation, "general");
  EXPECT_EQ(read.trust_ca_pem, "");
  EXPECT_EQ(read.created_at, 40);

  read.environment = "custom";
  read.trust_ca_pem = "-----BEGIN CERTIFICATE-----\n...";
  read.delegation = "customized";
  ok(store->update_azure_account(read));
  auto updated = ok(store->get_azure_account(created.id));
  EXPECT_EQ(updated.environment, "custom");
  EXPECT_EQ(updated.trust_ca_pem, read.trust_ca_pem);
  EXPECT_EQ(updated.delegation, "customized");
  EXPECT_EQ(ok(store->list_azure_accounts()).size(), 1u);
}

TEST_P(SeededStore, NamesAreUniqueAndMissingAccountsAreNotFound) {
  ok(store->create_azure_account(azure_account("contoso")));
  EXPECT_TRUE(fails_with(store->create_azure_account(azure_account("contoso")),
                         ErrorCategory::conflict, "name"));
  EXPECT_TRUE(fails_with(store->get_azure_account(999), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->find_azure_account("nobody"), ErrorCategory::not_found));
  auto ghost = azure_account("ghost");
  ghost.id = 999;
  EXPECT_TRUE(fails_with(store->update_azure_account(ghost), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->delete_azure_account(999), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->set_azure_delegations(999, {}), ErrorCategory::not_found));
}

TEST_P(SeededStore, AnAccountInUseByAnEndpointIsNotDeleted) {
  auto azure = ok(store->create_azure_account(azure_account("contoso")));
  Endpoint intune = s.endpoint;
  intune.name = "Intune";
  intune.uri_extension = "intune";
  intune.type = "intune";
  intune.azure_account_id = azure.id;
  intune = ok(store->create_endpoint(intune));
  EXPECT_TRUE(fails_with(store->delete_azure_account(azure.id), ErrorCategory::conflict));
  EXPECT_EQ(ok(store->get_azure_account(azure.id)).name, "contoso");

  ok(store->delete_endpoint(intune.id));
  ok(store->set_azure_delegations(azure.id, {{.organization_id = s.organization.id}}));
  ok(store->delete_azure_account(azure.id));
  EXPECT_TRUE(fails_with(store->get_azure_account(azure.id), ErrorCategory::not_found));
}

TEST_P(SeededStore, DelegationsAreReplacedAndKeptApartFromEndpoints) {
  auto azure = ok(store->create_azure_account(azure_account("contoso")));
  const std::vector<Delegation> both = {
      {.organization_id = s.organization.id},
      {.organization_id = s.organization.id, .department_id = s.department.id}};
  ok(store->set_azure_delegations(azure.id, both));
  EXPECT_EQ(ok(store->list_azure_delegations(azure.id)), both);
  EXPECT_TRUE(ok(store->list_delegations(s.endpoint.id)).empty());

  ok(store->set_azure_delegations(azure.id, {both[1]}));
  EXPECT_EQ(ok(store->list_azure_delegations(azure.id)), std::vector<Delegation>{both[1]});
  ok(store->set_azure_delegations(azure.id, {}));
  EXPECT_TRUE(ok(store->list_azure_delegations(azure.id)).empty());
}

TEST_P(SeededStore, ALeaseHasOneHolderUntilItExpires) {
  EXPECT_TRUE(ok(store->acquire_lease("poller:1", "node-a", 100, 30)));
  EXPECT_FALSE(ok(store->acquire_lease("poller:1", "node-b", 110, 30)));
  EXPECT_TRUE(ok(store->acquire_lease("poller:2", "node-b", 110, 30)));
  // The holder renews; the other node waits until the renewed lease has run out.
  EXPECT_TRUE(ok(store->acquire_lease("poller:1", "node-a", 125, 30)));
  EXPECT_FALSE(ok(store->acquire_lease("poller:1", "node-b", 154, 30)));
  EXPECT_TRUE(ok(store->acquire_lease("poller:1", "node-b", 155, 30)));
  EXPECT_FALSE(ok(store->acquire_lease("poller:1", "node-a", 160, 30)));

  ok(store->release_lease("poller:1", "node-a"));  // not the holder: no effect
  EXPECT_FALSE(ok(store->acquire_lease("poller:1", "node-a", 161, 30)));
  ok(store->release_lease("poller:1", "node-b"));
  EXPECT_TRUE(ok(store->acquire_lease("poller:1", "node-a", 162, 30)));
  EXPECT_TRUE(fails_with(store->acquire_lease("poller:3", "node-a", 1, 0), ErrorCategory::invalid,
                         "ttl_seconds"));
}

}  // namespace
}  // namespace scepter::store
