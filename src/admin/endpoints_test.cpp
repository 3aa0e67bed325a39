#include "admin/endpoints.hpp"

#include <gtest/gtest.h>

#include "admin/admin_test_fixture.hpp"
#include "admin/json.hpp"
#include "admin/ra.hpp"

namespace scepter::admin {
namespace {

class EndpointsTest : public AdminFixture {
 protected:
  void SetUp() override {
    AdminFixture::SetUp();
    add_tenant();
    add_azure_account("contoso");
  }
  static EndpointInput intune(std::string uri_extension) {
    return intune_endpoint(std::move(uri_extension));
  }
  Endpoints endpoints() { return Endpoints(*workspace_, actor_); }
};

TEST_F(EndpointsTest, AddsAScepEndpointWithDefaults) {
  auto view =
      endpoints().add({.name = "Routers", .uri_extension = "routers", .cert_type = "device"});
  ASSERT_TRUE(view) << view.error().client_text;
  EXPECT_EQ(view->endpoint.type, "scep");
  EXPECT_EQ(view->ra, "default-ra");
  EXPECT_EQ(view->endpoint.getcacert_format, "chain-cms");
  EXPECT_EQ(view->endpoint.getcert_format, "single");
  EXPECT_TRUE(view->endpoint.enabled);
  EXPECT_EQ(view->scep_url, "http://127.0.0.1:8080/scep/routers");

  auto shown = endpoints().show("routers");
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->endpoint.id, view->endpoint.id);
  auto all = endpoints().list();
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 1u);
  expect_error(endpoints().show("nope"), ErrorCategory::not_found, "endpoint");
}

TEST_F(EndpointsTest, UriExtensionMustBeUrlSafeAndUnique) {
  add_scep_endpoint("taken");
  for (std::string bad : {std::string(), std::string(65, 'a'), std::string("a/b"),
                          std::string("a b"), std::string("caf\xc3\xa9"), std::string(".."),
                          std::string("."), std::string("a?b"), std::string("%41")}) {
    auto added = endpoints().add({.name = "x", .uri_extension = bad, .cert_type = "client"});
    expect_error(added, ErrorCategory::invalid, "uri_extension");
  }
  EXPECT_TRUE(
      endpoints().add({.name = "x", .uri_extension = std::string(64, 'a'), .cert_type = "client"}));
  EXPECT_TRUE(endpoints().add({.name = "x", .uri_extension = "A-z_0.9~", .cert_type = "client"}));
  expect_error(endpoints().add({.name = "x", .uri_extension = "taken", .cert_type = "client"}),
               ErrorCategory::conflict, "uri_extension");
}

TEST_F(EndpointsTest, RefusesUnknownChoices) {
  auto with = [&](auto change) {
    EndpointInput input{.name = "x", .uri_extension = "x", .cert_type = "client"};
    change(input);
    return endpoints().add(input);
  };
  expect_error(with([](auto& i) { i.type = "est"; }), ErrorCategory::invalid, "type");
  expect_error(with([](auto& i) { i.cert_type = "server"; }), ErrorCategory::invalid, "cert_type");
  expect_error(with([](auto& i) { i.getcacert_format = "pkcs7"; }), ErrorCategory::invalid,
               "getcacert_format");
  expect_error(with([](auto& i) { i.getcert_format = "chain"; }), ErrorCategory::invalid,
               "getcert_format");
  expect_error(with([](auto& i) { i.ra = "nope"; }), ErrorCategory::not_found, "ra");
  expect_error(with([](auto& i) { i.name = ""; }), ErrorCategory::invalid, "name");
  // Organization, department, profile and term belong to accounts on scep endpoints.
  expect_error(with([](auto& i) { i.organization = "Acme"; }), ErrorCategory::invalid,
               "organization");
  expect_error(with([](auto& i) { i.term_days = 365; }), ErrorCategory::invalid, "term");
}

TEST_F(EndpointsTest, IntuneEndpointsNeedAMatchingProfileAndTerm) {
  auto added = endpoints().add(intune("intune"));
  ASSERT_TRUE(added) << added.error().client_text;
  EXPECT_EQ(added->organization, "Acme");
  EXPECT_EQ(added->department, "IT");
  EXPECT_EQ(added->profile, "devices");
  EXPECT_EQ(added->endpoint.term_days, 90);
  EXPECT_EQ(added->azure_account, "contoso");
  EXPECT_EQ(to_json(*added)["azure_account"], "contoso");

  auto missing = intune("i2");
  missing.profile.reset();
  expect_error(endpoints().add(missing), ErrorCategory::invalid, "profile");
  auto mismatch = intune("i2");
  mismatch.profile = "clients";
  expect_error(endpoints().add(mismatch), ErrorCategory::invalid, "profile");
  auto bad_term = intune("i2");
  bad_term.term_days = 365;
  expect_error(endpoints().add(bad_term), ErrorCategory::invalid, "term");
  auto foreign_department = intune("i2");
  foreign_department.department = "Sales";
  expect_error(endpoints().add(foreign_department), ErrorCategory::not_found, "department");
  auto no_azure = intune("i2");
  no_azure.azure_account.reset();
  expect_error(endpoints().add(no_azure), ErrorCategory::invalid, "azure_account");
  auto unknown_azure = intune("i2");
  unknown_azure.azure_account = "fabrikam";
  expect_error(endpoints().add(unknown_azure), ErrorCategory::not_found, "azure_account");
}

TEST_F(EndpointsTest, IntuneEndpointsRefuseProfilesThatNeedApproval) {
  ASSERT_TRUE(Profiles(*workspace_, actor_)
                  .add({.name = "held",
                        .cert_type = "device",
                        .terms_days = {90},
                        .requires_approval = true}));
  auto held = intune("held");
  held.profile = "held";
  expect_error(endpoints().add(held), ErrorCategory::invalid, "profile");
  ASSERT_TRUE(endpoints().add(intune("intune")));
  expect_error(endpoints().edit("intune", {.profile = "held"}), ErrorCategory::invalid, "profile");
}

TEST_F(EndpointsTest, OnlyIntuneEndpointsNameAnAzureAccount) {
  expect_error(
      endpoints().add(
          {.name = "x", .uri_extension = "x", .cert_type = "client", .azure_account = "contoso"}),
      ErrorCategory::invalid, "azure_account");
  add_scep_endpoint("plain");
  expect_error(endpoints().edit("plain", {.azure_account = "contoso"}), ErrorCategory::invalid,
               "azure_account");
  EXPECT_FALSE(to_json(endpoints().show("plain").value()).contains("azure_account"));

  ASSERT_TRUE(endpoints().add(intune("intune")));
  add_azure_account("fabrikam");
  auto moved = endpoints().edit("intune", {.azure_account = "fabrikam"});
  ASSERT_TRUE(moved) << moved.error().client_text;
  EXPECT_EQ(moved->azure_account, "fabrikam");
  expect_error(endpoints().edit("intune", {.azure_account = "nope"}), ErrorCategory::not_found,
               "azure_account");
}

TEST_F(EndpointsTest, IntuneEndpointsUseOnlyAzureAccountsDelegatedToThem) {
  AzureAccounts azure(*workspace_, actor_);
  add_azure_account("other-only");
  ASSERT_TRUE(azure.set_delegation("other-only", "customized", {{.organization = "Other"}}));
  add_azure_account("it-only");
  ASSERT_TRUE(azure.set_delegation("it-only", "customized",
                                   {{.organization = "Acme", .department = "IT"}}));

  auto outside = intune("i1");
  outside.azure_account = "other-only";
  auto refused = endpoints().add(outside);
  expect_error(refused, ErrorCategory::invalid, "azure_account");
  EXPECT_EQ(refused.error().client_text,
            "Azure account 'other-only' is not delegated to organization 'Acme', department 'IT'");
  expect_error(endpoints().show("i1"), ErrorCategory::not_found, "endpoint");

  auto inside = intune("i1");
  inside.azure_account = "it-only";
  ASSERT_TRUE(endpoints().add(inside));
  expect_error(endpoints().edit("i1", {.azure_account = "other-only"}), ErrorCategory::invalid,
               "azure_account");
  auto moved = endpoints().edit("i1", {.azure_account = "contoso"});  // general
  ASSERT_TRUE(moved) << moved.error().client_text;
  EXPECT_EQ(moved->azure_account, "contoso");
}

TEST_F(EndpointsTest, EditChangesWhatMayChange) {
  add_scep_endpoint("old");
  ASSERT_TRUE(RaCertificates(*workspace_, actor_).add("second-ra", "rsa2048"));
  auto edited = endpoints().edit("old", {.name = "Renamed",
                                         .uri_extension = "new",
                                         .ra = "second-ra",
                                         .getcacert_format = "single-der",
                                         .getcert_format = "full-chain",
                                         .enabled = false});
  ASSERT_TRUE(edited) << edited.error().client_text;
  EXPECT_EQ(edited->endpoint.name, "Renamed");
  EXPECT_EQ(edited->endpoint.uri_extension, "new");
  EXPECT_EQ(edited->ra, "second-ra");
  EXPECT_EQ(edited->endpoint.getcacert_format, "single-der");
  EXPECT_EQ(edited->endpoint.getcert_format, "full-chain");
  EXPECT_FALSE(edited->endpoint.enabled);
  expect_error(endpoints().show("old"), ErrorCategory::not_found, "endpoint");

  const auto events = audit_events();
  const auto update =
      std::ranges::find(events, std::string("endpoint.update"), &store::AuditEvent::action);
  ASSERT_NE(update, events.end());
  EXPECT_NE(update->before.find("\"old\""), std::string::npos);
  EXPECT_NE(update->after.find("\"new\""), std::string::npos);
}

TEST_F(EndpointsTest, EditRefusesImmutableAndInvalidChanges) {
  add_scep_endpoint("a");
  add_scep_endpoint("b");
  ASSERT_TRUE(endpoints().add(intune("intune")));
  expect_error(endpoints().edit("a", {.uri_extension = "b"}), ErrorCategory::conflict,
               "uri_extension");
  expect_error(endpoints().edit("a", {.uri_extension = "a/b"}), ErrorCategory::invalid,
               "uri_extension");
  expect_error(endpoints().edit("a", {.type = "intune"}), ErrorCategory::conflict, "type");
  expect_error(endpoints().edit("a", {.cert_type = "device"}), ErrorCategory::conflict,
               "cert_type");
  expect_error(endpoints().edit("a", {.profile = "clients"}), ErrorCategory::invalid, "profile");
  expect_error(endpoints().edit("intune", {.organization = "Other"}), ErrorCategory::conflict,
               "organization");
  expect_error(endpoints().edit("intune", {.department = "Sales"}), ErrorCategory::conflict,
               "department");
  expect_error(endpoints().edit("intune", {.profile = "clients"}), ErrorCategory::invalid,
               "profile");
  expect_error(endpoints().edit("intune", {.term_days = 365}), ErrorCategory::invalid, "term");
  // Restating a fixed value is not a change.
  EXPECT_TRUE(endpoints().edit("intune", {.organization = "Acme", .department = "IT"}));
  expect_error(endpoints().edit("nope", {.name = "x"}), ErrorCategory::not_found, "endpoint");
}

TEST_F(EndpointsTest, DeleteNeedsForceWhileAccountsExist) {
  add_scep_endpoint("busy");
  add_scep_endpoint("empty");
  add_account("busy", "alice");
  expect_error(endpoints().remove("busy", false), ErrorCategory::conflict, "endpoint");
  EXPECT_TRUE(endpoints().show("busy"));
  ASSERT_TRUE(endpoints().remove("busy", true));
  expect_error(endpoints().show("busy"), ErrorCategory::not_found, "endpoint");
  ASSERT_TRUE(endpoints().remove("empty", false));
  expect_error(endpoints().remove("empty", false), ErrorCategory::not_found, "endpoint");

  const auto events = audit_events();
  EXPECT_EQ(std::ranges::count(events, std::string("endpoint.delete"), &store::AuditEvent::action),
            2);
}

}  // namespace
}  // namespace scepter::admin
