#include "admin/profiles.hpp"

#include <gtest/gtest.h>

#include "admin/admin_test_fixture.hpp"
#include "ca/policy.hpp"
#include "crypto/issue.hpp"

namespace scepter::admin {
namespace {

using ProfilesTest = AdminFixture;

TEST_F(ProfilesTest, DefaultsComeFromTheCertificateType) {
  Profiles profiles(*workspace_, actor_);
  auto device = profiles.add({.name = "devices", .cert_type = "device"});
  ASSERT_TRUE(device) << device.error().client_text;
  EXPECT_EQ(device->key_usage, ca::default_key_usage("device"));
  EXPECT_EQ(device->extended_key_usage, ca::default_extended_key_usage("device"));
  EXPECT_EQ(device->terms_days, std::vector<int>{365});
  EXPECT_FALSE(device->requires_approval);

  auto shown = profiles.show("devices");
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->id, device->id);
  expect_error(profiles.show("nope"), ErrorCategory::not_found, "profile");
}

TEST_F(ProfilesTest, KeepsExplicitChoicesNormalized) {
  Profiles profiles(*workspace_, actor_);
  auto profile = profiles.add(
      {.name = "vpn",
       .cert_type = "client",
       .key_types = {"rsa"},
       .min_rsa_bits = 3072,
       .terms_days = {730, 365, 730},
       .key_usage = std::vector<std::string>{"digitalSignature"},
       .extended_key_usage = std::vector<std::string>{"clientAuth", "1.3.6.1.4.1.311.20.2.2"},
       .san_types = {"upn", "email"},
       .requires_approval = true});
  ASSERT_TRUE(profile) << profile.error().client_text;
  EXPECT_EQ(profile->terms_days, (std::vector<int>{365, 730}));
  EXPECT_EQ(profile->key_usage, unsigned{crypto::digital_signature});
  EXPECT_EQ(profile->extended_key_usage,
            (std::vector<std::string>{"1.3.6.1.4.1.311.20.2.2", "1.3.6.1.5.5.7.3.2"}));
  EXPECT_EQ(profile->san_types, (std::vector<std::string>{"email", "upn"}));
  EXPECT_EQ(profile->min_rsa_bits, 3072);
  EXPECT_TRUE(profile->requires_approval);
}

TEST_F(ProfilesTest, RefusesInvalidInput) {
  Profiles profiles(*workspace_, actor_);
  const ProfileInput good{.name = "p", .cert_type = "client"};
  auto with = [&](auto change) {
    ProfileInput input = good;
    change(input);
    return profiles.add(input);
  };
  expect_error(with([](auto& i) { i.cert_type = "server"; }), ErrorCategory::invalid, "cert_type");
  expect_error(with([](auto& i) { i.key_types = {}; }), ErrorCategory::invalid, "key_types");
  expect_error(with([](auto& i) { i.key_types = {"dsa"}; }), ErrorCategory::invalid, "key_types");
  expect_error(with([](auto& i) { i.min_rsa_bits = 1024; }), ErrorCategory::invalid,
               "min_rsa_bits");
  expect_error(with([](auto& i) { i.min_ec_bits = 192; }), ErrorCategory::invalid, "min_ec_bits");
  expect_error(with([](auto& i) { i.terms_days = {}; }), ErrorCategory::invalid, "terms_days");
  expect_error(with([](auto& i) { i.terms_days = {0}; }), ErrorCategory::invalid, "terms_days");
  expect_error(with([](auto& i) { i.terms_days = {3651}; }), ErrorCategory::invalid, "terms_days");
  expect_error(with([](auto& i) { i.key_usage = std::vector<std::string>{"keyCertSign"}; }),
               ErrorCategory::invalid, "key_usage");
  expect_error(with([](auto& i) { i.key_usage = std::vector<std::string>{}; }),
               ErrorCategory::invalid, "key_usage");
  expect_error(with([](auto& i) { i.extended_key_usage = std::vector<std::string>{"1..2"}; }),
               ErrorCategory::invalid, "extended_key_usage");
  expect_error(with([](auto& i) { i.san_types = {"x400"}; }), ErrorCategory::invalid, "san_types");
  expect_error(with([](auto& i) { i.subject_attributes = {"Bogus"}; }), ErrorCategory::invalid,
               "subject_attributes");
  ASSERT_TRUE(profiles.add(good));
  expect_error(profiles.add(good), ErrorCategory::conflict, "name");
}

}  // namespace
}  // namespace scepter::admin
