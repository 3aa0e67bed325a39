#include "admin/azure_accounts.hpp"

#include <gtest/gtest.h>

#include "admin/admin_test_fixture.hpp"
#include "admin/json.hpp"

namespace scepter::admin {
namespace {

constexpr std::string_view kTenant = "11111111-2222-3333-4444-555555555555";
constexpr std::string_view kClient = "66666666-7777-8888-9999-AAAAAAAAAAAA";
constexpr std::string_view kSecret = "Zq8~secret.value-that-must-not-leak";

class AzureAccountsTest : public AdminFixture {
 protected:
  void SetUp() override {
    AdminFixture::SetUp();
    add_tenant();
  }

  AzureAccountInput input(std::string name, std::string environment = "public") {
    return {.name = std::move(name),
            .environment = std::move(environment),
            .tenant_id = std::string(kTenant),
            .client_id = std::string(kClient),
            .client_secret = std::string(kSecret)};
  }
  AzureAccounts service(Actor actor) {
    return AzureAccounts(*workspace_, std::move(actor),
                         [this](const store::AzureAccount& account, const std::string& secret) {
                           tested_account_ = account.name;
                           tested_secret_ = secret;
                           return intune::ConnectionReport{
                               .ok = false,
                               .steps = {{"graph-token", true, "token obtained"},
                                         {"discovery", false, "403 from Graph"}}};
                         });
  }
  AzureAccounts accounts() { return service(actor_); }
  Actor rao_of(const std::string& org) {
    auto found = workspace_->store().find_organization(org);
    EXPECT_TRUE(found);
    return {
        "admin:rita", "192.0.2.1",
        Principal{.admin_id = 7, .name = "rita", .role = Role::rao, .organization_id = found->id}};
  }
  std::string stored_secret(const std::string& name) {
    auto row = workspace_->store().find_azure_account(name);
    EXPECT_TRUE(row);
    auto opened =
        workspace_->secrets().open(row->client_secret_encrypted, kAzureClientSecretPurpose);
    EXPECT_TRUE(opened);
    return opened.value_or("");
  }
  void expect_no_secret_anywhere() {
    for (const auto& event : audit_events()) {
      EXPECT_EQ(event.before.find(kSecret), std::string::npos) << event.action;
      EXPECT_EQ(event.after.find(kSecret), std::string::npos) << event.action;
      EXPECT_EQ(event.after.find("client_secret\":\""), std::string::npos) << event.action;
    }
  }

  std::string tested_account_, tested_secret_;
};

TEST_F(AzureAccountsTest, AddsAPublicCloudAccountWithItsSecretSealed) {
  auto added = accounts().add(input("contoso"));
  ASSERT_TRUE(added) << added.error().client_text;
  EXPECT_EQ(added->environment, "public");
  EXPECT_EQ(added->authority_url, "https://login.microsoftonline.com");
  EXPECT_EQ(added->graph_url, "https://graph.microsoft.com");
  EXPECT_EQ(added->intune_url, "https://api.manage.microsoft.com");
  EXPECT_EQ(added->tenant_id, kTenant);
  EXPECT_EQ(added->client_id, "66666666-7777-8888-9999-aaaaaaaaaaaa");  // normalized
  EXPECT_EQ(added->delegation, "general");

  auto row = workspace_->store().find_azure_account("contoso");
  ASSERT_TRUE(row);
  const std::string_view stored = as_chars(row->client_secret_encrypted);
  EXPECT_EQ(stored.find(kSecret), std::string_view::npos);
  EXPECT_EQ(stored_secret("contoso"), kSecret);

  const auto json = to_json(*added);
  EXPECT_FALSE(json.contains("client_secret"));
  EXPECT_EQ(json.dump().find(kSecret), std::string::npos);
  EXPECT_TRUE(json["trust_ca_pem"].is_null());
  expect_no_secret_anywhere();
  const auto events = audit_events();
  EXPECT_EQ(
      std::ranges::count(events, std::string("azure_account.create"), &store::AuditEvent::action),
      1);
}

TEST_F(AzureAccountsTest, EnvironmentsBringTheirCloudsEndpoints) {
  auto gov = accounts().add(input("gov", "usgov"));
  ASSERT_TRUE(gov) << gov.error().client_text;
  EXPECT_EQ(gov->authority_url, "https://login.microsoftonline.us");
  EXPECT_EQ(gov->graph_url, "https://graph.microsoft.us");
  EXPECT_EQ(gov->intune_url, "https://api.manage.microsoft.us");
  auto china = accounts().add(input("cn", "china"));
  ASSERT_TRUE(china) << china.error().client_text;
  EXPECT_EQ(china->authority_url, "https://login.chinacloudapi.cn");
  EXPECT_EQ(china->graph_url, "https://microsoftgraph.chinacloudapi.cn");
  EXPECT_EQ(china->intune_url, "https://api.manage.microsoftonline.cn");

  auto overridden = input("override");
  overridden.graph_url = "https://graph.example.test/";
  auto added = accounts().add(overridden);
  ASSERT_TRUE(added) << added.error().client_text;
  EXPECT_EQ(added->graph_url, "https://graph.example.test");
  EXPECT_EQ(added->authority_url, "https://login.microsoftonline.com");
}

TEST_F(AzureAccountsTest, CustomEnvironmentsNeedAllThreeHttpsUrls) {
  auto custom = input("fake", "custom");
  custom.authority_url = "https://127.0.0.1:9443/login";
  custom.graph_url = "https://127.0.0.1:9443/graph";
  expect_error(accounts().add(custom), ErrorCategory::invalid, "intune_url");
  custom.intune_url = "https://127.0.0.1:9443/intune";
  auto added = accounts().add(custom);
  ASSERT_TRUE(added) << added.error().client_text;
  EXPECT_EQ(added->authority_url, "https://127.0.0.1:9443/login");

  for (std::string bad : {"http://127.0.0.1:9443", "http://login.example", "ftp://x", "https://",
                          "https:///path", "https://x/?a=b", "https://x/#f", "https://u@x",
                          "https://x y", "https://x\n", "login.example"}) {
    auto with_bad = input("bad");
    with_bad.authority_url = bad;
    expect_error(accounts().add(with_bad), ErrorCategory::invalid, "authority_url");
  }
}

TEST_F(AzureAccountsTest, RefusesBadInput) {
  auto with = [&](auto change) {
    auto given = input("x");
    change(given);
    return accounts().add(given);
  };
  expect_error(with([](auto& i) { i.name = " "; }), ErrorCategory::invalid, "name");
  expect_error(with([](auto& i) { i.environment = "germany"; }), ErrorCategory::invalid,
               "environment");
  for (std::string bad :
       {"", "not-a-guid", "11111111222233334444555555555555",
        "11111111-2222-3333-4444-55555555555g", "{11111111-2222-3333-4444-555555555555}",
        "11111111-2222-3333-4444-5555555555555"}) {
    expect_error(with([&](auto& i) { i.tenant_id = bad; }), ErrorCategory::invalid, "tenant_id");
    expect_error(with([&](auto& i) { i.client_id = bad; }), ErrorCategory::invalid, "client_id");
  }
  expect_error(with([](auto& i) { i.client_secret = ""; }), ErrorCategory::invalid,
               "client_secret");
  expect_error(with([](auto& i) { i.client_secret = "line\nbreak"; }), ErrorCategory::invalid,
               "client_secret");
  expect_error(with([](auto& i) { i.client_secret = "not\xffutf8"; }), ErrorCategory::invalid,
               "client_secret");
  expect_error(with([](auto& i) { i.name = "bad\xffname"; }), ErrorCategory::invalid, "name");
  // Digits alone would read as the id of another account.
  expect_error(with([](auto& i) { i.name = "2"; }), ErrorCategory::invalid, "name");
  expect_error(with([](auto& i) { i.name = "2026"; }), ErrorCategory::invalid, "name");
  EXPECT_TRUE(accounts().add(input("2026-prod")));
  expect_error(with([](auto& i) { i.client_secret = std::string(1025, 's'); }),
               ErrorCategory::invalid, "client_secret");
  expect_error(with([](auto& i) { i.trust_ca_pem = "not a certificate"; }), ErrorCategory::invalid,
               "trust_ca_pem");
  expect_error(with([](auto& i) {
                 i.trust_ca_pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
               }),
               ErrorCategory::invalid, "trust_ca_pem");
  ASSERT_TRUE(accounts().add(input("taken")));
  expect_error(accounts().add(input("taken")), ErrorCategory::conflict, "name");
  auto listed = accounts().list();
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 2u);
}

TEST_F(AzureAccountsTest, KeepsAValidTrustBundle) {
  auto root = workspace_->pki().root_certificate();
  ASSERT_TRUE(root);
  auto trusted = input("trusting", "public");
  trusted.trust_ca_pem = "\n" + root->pem() + "\n";
  auto added = accounts().add(trusted);
  ASSERT_TRUE(added) << added.error().client_text;
  EXPECT_EQ(added->trust_ca_pem, root->pem());
  auto cleared = accounts().edit("trusting", {.trust_ca_pem = ""});
  ASSERT_TRUE(cleared) << cleared.error().client_text;
  EXPECT_EQ(cleared->trust_ca_pem, "");
}

TEST_F(AzureAccountsTest, EditChangesWhatIsGivenAndRecordsNoSecret) {
  ASSERT_TRUE(accounts().add(input("contoso")));
  ASSERT_TRUE(accounts().add(input("other")));
  auto edited = accounts().edit("contoso", {.name = "renamed",
                                            .tenant_id = "AAAAAAAA-2222-3333-4444-555555555555",
                                            .client_secret = "a-new-secret"});
  ASSERT_TRUE(edited) << edited.error().client_text;
  EXPECT_EQ(edited->name, "renamed");
  EXPECT_EQ(edited->tenant_id, "aaaaaaaa-2222-3333-4444-555555555555");
  EXPECT_EQ(edited->client_id, "66666666-7777-8888-9999-aaaaaaaaaaaa");
  EXPECT_EQ(stored_secret("renamed"), "a-new-secret");
  expect_error(accounts().show("contoso"), ErrorCategory::not_found, "azure_account");

  const auto events = audit_events();
  const auto update =
      std::ranges::find(events, std::string("azure_account.update"), &store::AuditEvent::action);
  ASSERT_NE(update, events.end());
  EXPECT_NE(update->after.find("\"client_secret_changed\":true"), std::string::npos);
  EXPECT_EQ(update->after.find("a-new-secret"), std::string::npos);
  expect_no_secret_anywhere();

  expect_error(accounts().edit("renamed", {.name = "other"}), ErrorCategory::conflict, "name");
  expect_error(accounts().edit("renamed", {.name = "1"}), ErrorCategory::invalid, "name");
  expect_error(accounts().edit("renamed", {.client_id = "nope"}), ErrorCategory::invalid,
               "client_id");
  expect_error(accounts().edit("renamed", {.client_secret = ""}), ErrorCategory::invalid,
               "client_secret");
  expect_error(accounts().edit("renamed", {.intune_url = "http://x"}), ErrorCategory::invalid,
               "intune_url");
  expect_error(accounts().edit("nope", {.name = "x"}), ErrorCategory::not_found, "azure_account");
  EXPECT_EQ(stored_secret("renamed"), "a-new-secret");  // failed edits change nothing
}

TEST_F(AzureAccountsTest, ChangingTheEnvironmentMovesTheUrls) {
  ASSERT_TRUE(accounts().add(input("a")));
  auto gov = accounts().edit("a", {.environment = "usgov"});
  ASSERT_TRUE(gov) << gov.error().client_text;
  EXPECT_EQ(gov->graph_url, "https://graph.microsoft.us");
  // Custom starts from the URLs the account has, overridden where given.
  auto custom = accounts().edit("a", {.environment = "custom", .graph_url = "https://g.test"});
  ASSERT_TRUE(custom) << custom.error().client_text;
  EXPECT_EQ(custom->authority_url, "https://login.microsoftonline.us");
  EXPECT_EQ(custom->graph_url, "https://g.test");
  // Within one environment, an override stays until changed.
  auto kept = accounts().edit("a", {.client_id = std::string(kTenant)});
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->graph_url, "https://g.test");
  expect_error(accounts().edit("a", {.environment = "mars"}), ErrorCategory::invalid,
               "environment");
}

TEST_F(AzureAccountsTest, DeleteIsRefusedWhileAnEndpointUsesIt) {
  ASSERT_TRUE(accounts().add(input("contoso")));
  add_intune_endpoint("intune-devices");
  auto refused = accounts().remove("contoso");
  expect_error(refused, ErrorCategory::conflict, "azure_account");
  EXPECT_NE(refused.error().client_text.find("'intune-devices'"), std::string::npos);
  ASSERT_TRUE(Endpoints(*workspace_, actor_).remove("intune-devices", false));
  ASSERT_TRUE(accounts().remove("contoso"));
  expect_error(accounts().show("contoso"), ErrorCategory::not_found, "azure_account");
  expect_error(accounts().remove("contoso"), ErrorCategory::not_found, "azure_account");
  const auto events = audit_events();
  EXPECT_EQ(
      std::ranges::count(events, std::string("azure_account.delete"), &store::AuditEvent::action),
      1);
}

TEST_F(AzureAccountsTest, NarrowingIsRefusedWhileIntuneEndpointsWouldBeLeftOut) {
  ASSERT_TRUE(accounts().add(input("contoso")));
  add_intune_endpoint("intune-devices");  // Acme/IT
  auto refused = accounts().set_delegation("contoso", "customized", {{.organization = "Other"}});
  expect_error(refused, ErrorCategory::conflict, "targets");
  EXPECT_EQ(refused.error().client_text,
            "the delegation leaves out endpoint(s) 'intune-devices' that use Azure account "
            "'contoso'; delegate to their tenants or change them first");
  auto shown = accounts().delegation("contoso");
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->mode, "general");

  EXPECT_TRUE(accounts().set_delegation("contoso", "customized",
                                        {{.organization = "Acme", .department = "IT"}}));
  EXPECT_TRUE(accounts().set_delegation("contoso", "customized", {{.organization = "Acme"}}));
}

TEST_F(AzureAccountsTest, TestHandsTheOpenedSecretToTheConnection) {
  auto added = accounts().add(input("contoso"));
  ASSERT_TRUE(added);
  auto report = accounts().test(std::to_string(added->id));  // by id as well as by name
  ASSERT_TRUE(report) << report.error().client_text;
  EXPECT_EQ(tested_account_, "contoso");
  EXPECT_EQ(tested_secret_, kSecret);
  EXPECT_FALSE(report->ok);
  const auto json = to_json(*report);
  EXPECT_EQ(json["ok"], false);
  ASSERT_EQ(json["steps"].size(), 2u);
  EXPECT_EQ(json["steps"][1]["name"], "discovery");
  EXPECT_EQ(json["steps"][1]["ok"], false);
  EXPECT_EQ(json["steps"][1]["detail"], "403 from Graph");

  tested_secret_.clear();
  expect_error(service(rao_of("Acme")).test("contoso"), ErrorCategory::forbidden);
  EXPECT_TRUE(tested_secret_.empty());
  expect_error(accounts().test("nope"), ErrorCategory::not_found, "azure_account");
}

TEST_F(AzureAccountsTest, OnlyAnMraoChangesThemOthersSeeWhatIsDelegated) {
  ASSERT_TRUE(accounts().add(input("general")));
  ASSERT_TRUE(accounts().add(input("acme-only")));
  ASSERT_TRUE(accounts().add(input("other-only")));
  ASSERT_TRUE(accounts().set_delegation("acme-only", "customized", {{.organization = "Acme"}}));
  auto other = accounts().set_delegation("other-only", "customized", {{.organization = "Other"}});
  ASSERT_TRUE(other) << other.error().client_text;
  EXPECT_EQ(to_json(*other)["targets"][0]["organization"], "Other");

  auto rao = service(rao_of("Acme"));
  auto seen = rao.list();
  ASSERT_TRUE(seen);
  std::vector<std::string> names;
  for (const auto& view : *seen) names.push_back(view.name);
  EXPECT_EQ(names, (std::vector<std::string>{"general", "acme-only"}));
  EXPECT_TRUE(rao.show("acme-only"));
  EXPECT_TRUE(rao.delegation("acme-only"));
  expect_error(rao.show("other-only"), ErrorCategory::not_found, "azure_account");
  expect_error(rao.delegation("other-only"), ErrorCategory::not_found, "azure_account");
  expect_error(rao.add(input("mine")), ErrorCategory::forbidden);
  expect_error(rao.edit("general", {.name = "x"}), ErrorCategory::forbidden);
  expect_error(rao.edit("other-only", {.name = "x"}), ErrorCategory::not_found, "azure_account");
  expect_error(rao.remove("acme-only"), ErrorCategory::forbidden);
  expect_error(rao.set_delegation("acme-only", "general", {}), ErrorCategory::forbidden);

  expect_error(accounts().set_delegation("general", "customized", {}), ErrorCategory::invalid,
               "targets");
  expect_error(accounts().set_delegation("general", "general", {{.organization = "Acme"}}),
               ErrorCategory::invalid, "targets");
  expect_error(accounts().set_delegation("general", "some", {}), ErrorCategory::invalid, "mode");
  expect_error(accounts().set_delegation("general", "customized", {{.organization = "Nope"}}),
               ErrorCategory::not_found, "organization");
  auto back = accounts().set_delegation("acme-only", "general", {});
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->targets.empty());
}

}  // namespace
}  // namespace scepter::admin
