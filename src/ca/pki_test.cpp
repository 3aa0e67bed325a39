#include "ca/pki.hpp"

#include "ca/ca_test_fixture.hpp"

namespace scepter::ca {
namespace {

using PkiTest = CaFixture;

TEST_F(PkiTest, HierarchyChainsToTheRoot) {
  auto issuing = pki_->issuing_ca();
  ASSERT_TRUE(issuing) << issuing.error().log_text;
  ASSERT_EQ(issuing->chain.size(), 2u);
  auto root = pki_->root_certificate();
  ASSERT_TRUE(root);
  EXPECT_TRUE(issuing->chain[1] == *root);
  EXPECT_TRUE(issuing->certificate.is_signed_by(*root));
  EXPECT_TRUE(root->is_signed_by(*root));
  EXPECT_TRUE(issuing->certificate.is_ca());
  EXPECT_EQ(issuing->record.role, "issuing");
  EXPECT_FALSE(pki_->create_hierarchy(*crypto::KeySpec::parse("ec-p256"), "Again"));
}

TEST_F(PkiTest, SerialsArePositiveSixteenBytes) {
  for (int i = 0; i < 50; ++i) {
    auto serial = new_serial();
    ASSERT_EQ(serial.size(), 16u);
    EXPECT_EQ(serial[0] & 0xc0, 0x40);
  }
}

TEST_F(PkiTest, RaCertificateIsRsaAndSignedByIssuingCa) {
  auto ra = pki_->issue_ra_certificate("default", *crypto::KeySpec::parse("rsa2048"));
  ASSERT_TRUE(ra) << ra.error().log_text;
  auto certificate = crypto::Certificate::from_pem(ra->certificate_pem);
  ASSERT_TRUE(certificate);
  EXPECT_TRUE(certificate->is_signed_by(pki_->issuing_ca()->certificate));
  EXPECT_EQ(certificate->public_key().type(), crypto::KeyType::rsa);
  EXPECT_TRUE(vault_->load(ra->key_ref));
  auto ec = pki_->issue_ra_certificate("ec", *crypto::KeySpec::parse("ec-p256"));
  ASSERT_FALSE(ec);
  EXPECT_EQ(ec.error().category, ErrorCategory::invalid);
}

TEST_F(PkiTest, RolloverPreparesThenActivatesNextCa) {
  EXPECT_FALSE(pki_->activate_next());
  auto before = pki_->issuing_ca();
  auto next = pki_->prepare_rollover(*crypto::KeySpec::parse("ec-p256"));
  ASSERT_TRUE(next) << next.error().log_text;
  EXPECT_FALSE(pki_->prepare_rollover(*crypto::KeySpec::parse("ec-p256")));
  auto pending = pki_->next_ca();
  ASSERT_TRUE(pending && *pending);
  EXPECT_TRUE((*pending)->certificate.is_signed_by(*pki_->root_certificate()));
  ASSERT_TRUE(pki_->activate_next());
  auto after = pki_->issuing_ca();
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->certificate == next->certificate);
  EXPECT_FALSE(after->certificate == before->certificate);
  EXPECT_FALSE(*pki_->next_ca());
}

TEST_F(PkiTest, CrlListsRevokedCertificatesAndIsReusedUntilARevocation) {
  auto issuing = *pki_->issuing_ca();
  auto first = pki_->current_crl(issuing.record.id);
  ASSERT_TRUE(first) << first.error().log_text;
  auto again = pki_->current_crl(issuing.record.id);
  ASSERT_TRUE(again);
  EXPECT_EQ(first->der(), again->der());

  auto endpoint = make_endpoint();
  store::CertificateRecord record{.serial = "4001",
                                  .endpoint_id = endpoint.id,
                                  .ca_id = issuing.record.id,
                                  .subject = "CN=x",
                                  .der = {0x30, 0x00},
                                  .transaction_id = "t1"};
  store::Transaction tx{.endpoint_id = endpoint.id, .transaction_id = "t1", .status = "issued"};
  auto recorded = store_->record_issuance(tx, record);
  ASSERT_TRUE(recorded) << recorded.error().log_text;
  clock_.advance(std::chrono::seconds(5));
  ASSERT_TRUE(store_->revoke_certificate("4001", 1, to_unix(clock_.now())));
  clock_.advance(std::chrono::seconds(5));
  auto after = pki_->current_crl(issuing.record.id);
  ASSERT_TRUE(after);
  EXPECT_NE(after->der(), first->der());
  auto latest = store_->latest_crl(issuing.record.id);
  ASSERT_TRUE(latest && *latest);
  EXPECT_EQ((*latest)->number, 2);
}

}  // namespace
}  // namespace scepter::ca
