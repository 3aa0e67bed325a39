#include "ca/policy.hpp"

#include "ca/ca_test_fixture.hpp"

namespace scepter::ca {
namespace {

using PolicyTest = CaFixture;

TEST_F(PolicyTest, BuildsSpecFromAllowedParts) {
  auto profile = client_profile();
  auto key = new_key();
  auto csr = crypto::build_csr({.subject = {{"C", "DE"}, {"O", "Acme"}, {"CN", "laptop-1"}},
                                .alt_names = {{crypto::SanType::dns, "laptop-1.acme.test"}}},
                               key);
  ASSERT_TRUE(csr);
  auto now = clock_.now();
  auto spec = certificate_spec_for(*csr, {profile, 365, now, "http://ca.test/crl/2.crl"});
  ASSERT_TRUE(spec) << spec.error().log_text;
  EXPECT_EQ(spec->subject, (crypto::DistinguishedName{{"O", "Acme"}, {"CN", "laptop-1"}}));
  EXPECT_EQ(spec->alt_names.size(), 1u);
  EXPECT_EQ(spec->not_after - now, std::chrono::hours(24 * 365));
  EXPECT_LT(spec->not_before, now);
  EXPECT_EQ(spec->serial.size(), 16u);
  EXPECT_EQ(spec->crl_distribution_points, std::vector<std::string>{"http://ca.test/crl/2.crl"});
  EXPECT_EQ(spec->extended_key_usage, default_extended_key_usage("client"));
  // EC keys agree on keys rather than receiving them encrypted.
  EXPECT_FALSE(spec->key_usage & crypto::key_encipherment);
  EXPECT_TRUE(spec->key_usage & crypto::key_agreement);
}

TEST_F(PolicyTest, RefusesWhatTheProfileDoesNotAllow) {
  auto profile = client_profile();
  auto now = clock_.now();
  auto key = new_key();

  auto uri = csr_for(key, "x", std::nullopt, {{crypto::SanType::uri, "https://x.test"}});
  auto refused = certificate_spec_for(uri, {profile, 365, now, ""});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "subject_alt_name");

  auto no_subject = crypto::build_csr({.subject = {{"L", "Berlin"}}}, key);
  ASSERT_TRUE(no_subject);
  EXPECT_EQ(certificate_spec_for(*no_subject, {profile, 365, now, ""}).error().field, "subject");

  profile.key_types = {"rsa"};
  EXPECT_EQ(certificate_spec_for(csr_for(key, "x"), {profile, 365, now, ""}).error().field, "key");

  profile.key_types = {"rsa", "ec"};
  profile.min_ec_bits = 384;
  auto small = certificate_spec_for(csr_for(key, "x"), {profile, 365, now, ""});
  ASSERT_FALSE(small);
  EXPECT_NE(small.error().client_text.find("below the minimum 384"), std::string::npos);
}

TEST_F(PolicyTest, IntuneStrongMappingSanCopiedOnlyWhenProfileAllowsUris) {
  auto profile = client_profile();
  auto now = clock_.now();
  const crypto::SubjectAltName sid{crypto::SanType::uri,
                                   "tag:microsoft.com,2022-09-14:sid:S-1-5-21-1-2-3-1001"};
  auto csr = csr_for(new_key(), "x", std::nullopt, {{crypto::SanType::dns, "x.test"}, sid});

  auto without_uris = certificate_spec_for(csr, {profile, 365, now, ""});
  ASSERT_TRUE(without_uris) << without_uris.error().client_text;
  EXPECT_EQ(without_uris->alt_names,
            (std::vector<crypto::SubjectAltName>{{crypto::SanType::dns, "x.test"}}));

  profile.san_types.push_back("uri");
  auto with_uris = certificate_spec_for(csr, {profile, 365, now, ""});
  ASSERT_TRUE(with_uris);
  EXPECT_EQ(with_uris->alt_names,
            (std::vector<crypto::SubjectAltName>{{crypto::SanType::dns, "x.test"}, sid}));

  EXPECT_FALSE(is_intune_strong_mapping({crypto::SanType::dns, std::string(sid.value)}));
  EXPECT_FALSE(is_intune_strong_mapping({crypto::SanType::uri, "tag:microsoft.com,2022:sid:x"}));
}

TEST(PolicyDefaults, DeviceAndClientUsages) {
  EXPECT_EQ(default_extended_key_usage("device"),
            std::vector<std::string>{std::string(kEkuClientAuth)});
  auto client = default_extended_key_usage("client");
  EXPECT_EQ(client.size(), 2u);
  EXPECT_TRUE(default_key_usage("client") & crypto::digital_signature);
}

}  // namespace
}  // namespace scepter::ca
