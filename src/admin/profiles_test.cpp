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

class ProfileChangesTest : public AdminFixture {
 protected:
  void SetUp() override {
    AdminFixture::SetUp();
    add_tenant();
  }
  Profiles profiles() { return Profiles(*workspace_, actor_); }
  void add_intune_endpoint() {
    add_azure_account("contoso");
    AdminFixture::add_intune_endpoint("intune");
  }
};

TEST_F(ProfileChangesTest, UpdatesOnlyTheFieldsGivenWithAudit) {
  auto updated = profiles().update(
      "clients", {.name = "laptops",
                  .min_rsa_bits = 3072,
                  .terms_days = std::vector<int>{365, 730, 90},
                  .extended_key_usage = std::vector<std::string>{"clientAuth", "emailProtection"}});
  ASSERT_TRUE(updated) << updated.error().client_text;
  EXPECT_EQ(updated->name, "laptops");
  EXPECT_EQ(updated->cert_type, "client");
  EXPECT_EQ(updated->min_rsa_bits, 3072);
  EXPECT_EQ(updated->terms_days, (std::vector<int>{90, 365, 730}));
  EXPECT_EQ(updated->key_usage, ca::default_key_usage("client"));  // kept
  EXPECT_EQ(updated->key_types, (std::vector<std::string>{"ec", "rsa"}));
  EXPECT_EQ(updated->extended_key_usage.size(), 2u);

  auto shown = profiles().show("laptops");
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->id, updated->id);
  EXPECT_EQ(shown->min_rsa_bits, 3072);
  expect_error(profiles().show("clients"), ErrorCategory::not_found, "profile");

  const auto events = audit_events();
  const auto found =
      std::ranges::find(events, std::string("profile.update"), &store::AuditEvent::action);
  ASSERT_NE(found, events.end());
  EXPECT_EQ(found->target, "profile:clients");
  EXPECT_NE(found->before.find("\"clients\""), std::string::npos);
  EXPECT_NE(found->after.find("\"laptops\""), std::string::npos);
}

TEST_F(ProfileChangesTest, RefusesWhatAddRefusesAndAFixedCertType) {
  expect_error(profiles().update("clients", {.cert_type = "device"}), ErrorCategory::invalid,
               "cert_type");
  ASSERT_TRUE(profiles().update("clients", {.cert_type = "client"}));  // unchanged is fine
  const auto events = audit_events();
  EXPECT_EQ(std::ranges::count(events, std::string("profile.update"), &store::AuditEvent::action),
            0);  // and, changing nothing, is not audited
  expect_error(profiles().update("clients", {.name = "devices"}), ErrorCategory::conflict, "name");
  expect_error(profiles().update("clients", {.name = ""}), ErrorCategory::invalid, "name");
  expect_error(profiles().update("clients", {.min_rsa_bits = 1024}), ErrorCategory::invalid,
               "min_rsa_bits");
  expect_error(profiles().update("clients", {.terms_days = std::vector<int>{}}),
               ErrorCategory::invalid, "terms_days");
  expect_error(profiles().update("clients", {.key_types = std::vector<std::string>{"dsa"}}),
               ErrorCategory::invalid, "key_types");
  expect_error(profiles().update("clients", {.key_usage = std::vector<std::string>{"cRLSign"}}),
               ErrorCategory::invalid, "key_usage");
  expect_error(profiles().update("nope", {.min_rsa_bits = 4096}), ErrorCategory::not_found,
               "profile");
}

TEST_F(ProfileChangesTest, KeepsTheTermsAndApprovalItsUsersDependOn) {
  add_scep_endpoint("vpn");
  add_account("vpn", "laptop");  // clients, 365 days
  auto dropped = profiles().update("clients", {.terms_days = std::vector<int>{730}});
  expect_error(dropped, ErrorCategory::conflict, "terms_days");
  EXPECT_NE(dropped.error().client_text.find("account 'laptop' of endpoint 'vpn' (365 days)"),
            std::string::npos)
      << dropped.error().client_text;
  EXPECT_TRUE(profiles().update("clients", {.terms_days = std::vector<int>{365}}));
  // Stricter keys apply to the next requests: allowed while in use.
  EXPECT_TRUE(profiles().update("clients", {.min_rsa_bits = 4096, .min_ec_bits = 384}));
  EXPECT_TRUE(profiles().update("clients", {.requires_approval = true}));

  add_intune_endpoint();  // devices, 90 days
  expect_error(profiles().update("devices", {.terms_days = std::vector<int>{365}}),
               ErrorCategory::conflict, "terms_days");
  auto held = profiles().update("devices", {.requires_approval = true});
  expect_error(held, ErrorCategory::conflict, "requires_approval");
  EXPECT_NE(held.error().client_text.find("Intune endpoint 'intune'"), std::string::npos);
}

TEST_F(ProfileChangesTest, DeletesOnlyProfilesNothingUses) {
  add_scep_endpoint("vpn");
  add_account("vpn", "laptop");
  auto refused = profiles().remove("clients");
  expect_error(refused, ErrorCategory::conflict, "profile");
  EXPECT_NE(refused.error().client_text.find("account 'laptop'"), std::string::npos);
  add_intune_endpoint();
  auto intune = profiles().remove("devices");
  expect_error(intune, ErrorCategory::conflict, "profile");
  EXPECT_NE(intune.error().client_text.find("Intune endpoint 'intune'"), std::string::npos);

  ASSERT_TRUE(profiles().add({.name = "spare", .cert_type = "client"}));
  ASSERT_TRUE(profiles().remove("spare"));
  expect_error(profiles().show("spare"), ErrorCategory::not_found, "profile");
  expect_error(profiles().remove("spare"), ErrorCategory::not_found, "profile");
  const auto events = audit_events();
  const auto found =
      std::ranges::find(events, std::string("profile.delete"), &store::AuditEvent::action);
  ASSERT_NE(found, events.end());
  EXPECT_EQ(found->target, "profile:spare");
  EXPECT_TRUE(found->after.empty());
}

TEST_F(ProfileChangesTest, OnlyAnMraoChangesOrDeletesProfiles) {
  const auto acme = workspace_->store().find_organization("Acme");
  ASSERT_TRUE(acme);
  Profiles as_rao(
      *workspace_,
      {"admin:rita", "192.0.2.1",
       Principal{.admin_id = 7, .name = "rita", .role = Role::rao, .organization_id = acme->id}});
  expect_error(as_rao.update("clients", {.min_rsa_bits = 4096}), ErrorCategory::forbidden);
  expect_error(as_rao.remove("clients"), ErrorCategory::forbidden);
}

}  // namespace
}  // namespace scepter::admin
