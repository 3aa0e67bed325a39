#include <gtest/gtest.h>

#include "crypto/handles.hpp"
#include "crypto/issue.hpp"
#include "crypto/test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::ca_spec;
using testing::kStart;
using testing::test_key;

class IssueCrl : public ::testing::TestWithParam<const char*> {
 protected:
  const PrivateKey& key() const { return test_key(GetParam(), 1); }
  Certificate ca() const {
    return issue_certificate(ca_spec("CRL CA", key(), 1), nullptr, key()).value();
  }
  CrlSpec spec() const {
    return CrlSpec{
        .entries =
            {{{0x0a, 0x01}, kStart + std::chrono::hours(1), RevocationReason::key_compromise},
             {{0x05}, kStart + std::chrono::hours(2), RevocationReason::unspecified},
             {{0x7f, 0xff}, kStart + std::chrono::hours(3), RevocationReason::privilege_withdrawn}},
        .this_update = kStart + std::chrono::hours(24),
        .next_update = kStart + std::chrono::hours(24 * 8),
        .crl_number = {0x01, 0x00},
    };
  }
};

TEST_P(IssueCrl, IssuesAV2CrlThatParsesBack) {
  auto issuer = ca();
  auto crl = issue_crl(spec(), issuer, key());
  ASSERT_TRUE(crl) << crl.error().log_text;
  EXPECT_EQ(X509_CRL_get_version(crl->native()), X509_CRL_VERSION_2);
  EXPECT_TRUE(crl->is_signed_by(issuer));
  EXPECT_EQ(crl->issuer(), issuer.subject());
  EXPECT_EQ(crl->this_update(), spec().this_update);
  EXPECT_EQ(crl->next_update(), spec().next_update);
  EXPECT_EQ(crl->crl_number(), (Bytes{0x01, 0x00}));

  auto parsed = Crl::from_der(crl->der());
  ASSERT_TRUE(parsed);
  auto entries = parsed->entries();
  ASSERT_EQ(entries.size(), 3u);
  // X509_CRL_sort orders by serial.
  EXPECT_EQ(entries[0],
            (RevokedEntry{{0x05}, kStart + std::chrono::hours(2), RevocationReason::unspecified}));
  EXPECT_EQ(entries[1],
            (RevokedEntry{
                {0x0a, 0x01}, kStart + std::chrono::hours(1), RevocationReason::key_compromise}));
  EXPECT_EQ(entries[2], (RevokedEntry{{0x7f, 0xff},
                                      kStart + std::chrono::hours(3),
                                      RevocationReason::privilege_withdrawn}));
}

TEST_P(IssueCrl, ExtensionsAndReasonCodes) {
  auto issuer = ca();
  auto crl = issue_crl(spec(), issuer, key()).value();
  Handle<AUTHORITY_KEYID, AUTHORITY_KEYID_free> authority(static_cast<AUTHORITY_KEYID*>(
      X509_CRL_get_ext_d2i(crl.native(), NID_authority_key_identifier, nullptr, nullptr)));
  ASSERT_TRUE(authority && authority->keyid);
  EXPECT_EQ(ASN1_OCTET_STRING_cmp(authority->keyid, X509_get0_subject_key_id(issuer.native())), 0);
  // unspecified is expressed by omitting reasonCode (RFC 5280 5.3.1); the others carry it.
  STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(crl.native());
  ASSERT_EQ(sk_X509_REVOKED_num(revoked), 3);
  EXPECT_EQ(X509_REVOKED_get_ext_by_NID(sk_X509_REVOKED_value(revoked, 0), NID_crl_reason, -1), -1);
  Handle<ASN1_ENUMERATED, ASN1_ENUMERATED_free> reason(
      static_cast<ASN1_ENUMERATED*>(X509_REVOKED_get_ext_d2i(sk_X509_REVOKED_value(revoked, 1),
                                                             NID_crl_reason, nullptr, nullptr)));
  ASSERT_TRUE(reason);
  EXPECT_EQ(ASN1_ENUMERATED_get(reason.get()), 1);
}

TEST_P(IssueCrl, PemAndEmptyCrl) {
  auto issuer = ca();
  auto empty_spec = spec();
  empty_spec.entries.clear();
  auto crl = issue_crl(empty_spec, issuer, key());
  ASSERT_TRUE(crl);
  EXPECT_TRUE(crl->entries().empty());
  EXPECT_TRUE(crl->pem().starts_with("-----BEGIN X509 CRL-----\n"));
}

TEST_P(IssueCrl, NotSignedByOtherCa) {
  auto issuer = ca();
  const auto& other_key = test_key(GetParam(), 2);
  auto other = issue_certificate(ca_spec("CRL CA", other_key, 2), nullptr, other_key).value();
  auto crl = issue_crl(spec(), issuer, key()).value();
  EXPECT_FALSE(crl.is_signed_by(other));  // same name, other key
  auto other_name = issue_certificate(ca_spec("Other", key(), 3), nullptr, key()).value();
  EXPECT_FALSE(crl.is_signed_by(other_name));  // same key, other name
  EXPECT_EQ(ERR_peek_error(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Keys, IssueCrl, ::testing::Values("rsa2048", "ec-p256"));

TEST(IssueCrlRejects, BadSpecs) {
  const auto& key = test_key("ec-p256", 1);
  auto issuer = issue_certificate(ca_spec("CA", key, 1), nullptr, key).value();
  CrlSpec base{
      .this_update = kStart, .next_update = kStart + std::chrono::hours(1), .crl_number = {1}};
  auto reversed = base;
  reversed.next_update = base.this_update;
  EXPECT_EQ(issue_crl(reversed, issuer, key).error().field, "next_update");
  auto zero_number = base;
  zero_number.crl_number = {0};
  EXPECT_EQ(issue_crl(zero_number, issuer, key).error().field, "crl_number");
  auto bad_serial = base;
  bad_serial.entries = {{{}, kStart, RevocationReason::superseded}};
  EXPECT_EQ(issue_crl(bad_serial, issuer, key).error().field, "serial");
  auto wrong_key = issue_crl(base, issuer, test_key("ec-p256", 2));
  ASSERT_FALSE(wrong_key);
  EXPECT_EQ(wrong_key.error().category, ErrorCategory::invalid);
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(Crl, FromDerRejectsGarbage) {
  for (const auto& input : {Bytes{}, Bytes{0x30, 0x03, 0x02, 0x01, 0x01}, to_bytes("crl")}) {
    auto crl = Crl::from_der(input);
    ASSERT_FALSE(crl);
    EXPECT_EQ(crl.error().category, ErrorCategory::bad_request);
  }
}

TEST(RevocationReason, NamesRoundTrip) {
  for (auto reason : {RevocationReason::unspecified, RevocationReason::key_compromise,
                      RevocationReason::ca_compromise, RevocationReason::affiliation_changed,
                      RevocationReason::superseded, RevocationReason::cessation_of_operation,
                      RevocationReason::certificate_hold, RevocationReason::privilege_withdrawn}) {
    EXPECT_EQ(parse_revocation_reason(to_string(reason)), reason);
  }
  EXPECT_EQ(to_string(RevocationReason::key_compromise), "keyCompromise");
  auto unknown = parse_revocation_reason("removeFromCRL");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "reason");
}

}  // namespace
}  // namespace scepter::crypto
