#pragma once
// A real workspace (SQLite store, key vault, CA hierarchy) in a temporary directory.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "admin/accounts.hpp"
#include "admin/azure_accounts.hpp"
#include "admin/endpoints.hpp"
#include "admin/init.hpp"
#include "admin/organizations.hpp"
#include "admin/profiles.hpp"
#include "admin/workspace.hpp"
#include "crypto/random.hpp"

namespace scepter::admin {

inline std::filesystem::path fresh_temp_dir(std::string_view prefix) {
  return std::filesystem::temp_directory_path() /
         (std::string(prefix) + hex_encode(crypto::random_bytes(6)));
}

class AdminFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fresh_temp_dir("scepter-admin-test-");
    auto opened = Workspace::open(dir_, true);
    ASSERT_TRUE(opened) << opened.error().client_text << " " << opened.error().log_text;
    workspace_ = std::move(*opened);
    InitOptions options{.ca_key = {crypto::KeyType::ec, 256}};
    auto initialized = initialize(*workspace_, options, actor_);
    ASSERT_TRUE(initialized) << initialized.error().client_text << initialized.error().log_text;
  }
  void TearDown() override {
    workspace_.reset();
    std::filesystem::remove_all(dir_);
  }

  // An organization with one department and one profile per certificate type.
  void add_tenant() {
    Organizations orgs(*workspace_, actor_);
    ASSERT_TRUE(orgs.add("Acme"));
    ASSERT_TRUE(orgs.add("Other"));
    ASSERT_TRUE(orgs.add_department("Acme", "IT"));
    ASSERT_TRUE(orgs.add_department("Other", "Sales"));
    Profiles profiles(*workspace_, actor_);
    ASSERT_TRUE(profiles.add({.name = "clients", .cert_type = "client", .terms_days = {365, 730}}));
    ASSERT_TRUE(profiles.add({.name = "devices", .cert_type = "device", .terms_days = {90}}));
  }

  EndpointView add_scep_endpoint(std::string uri_extension, std::string cert_type = "client") {
    auto added = Endpoints(*workspace_, actor_)
                     .add({.name = "Endpoint " + uri_extension,
                           .uri_extension = uri_extension,
                           .cert_type = std::move(cert_type)});
    EXPECT_TRUE(added) << added.error().client_text;
    return *added;
  }

  // An Intune endpoint of Acme/IT issuing "devices" certificates for 90 days.
  static EndpointInput intune_endpoint(std::string uri_extension,
                                       std::string azure_account = "contoso") {
    return {.name = "Intune",
            .uri_extension = std::move(uri_extension),
            .type = "intune",
            .cert_type = "device",
            .organization = "Acme",
            .department = "IT",
            .profile = "devices",
            .term_days = 90,
            .azure_account = std::move(azure_account)};
  }
  // Adds intune_endpoint(uri_extension); its Azure account must exist.
  void add_intune_endpoint(std::string uri_extension) {
    auto added = Endpoints(*workspace_, actor_).add(intune_endpoint(std::move(uri_extension)));
    ASSERT_TRUE(added) << added.error().client_text;
  }

  // An Azure account of the public cloud that Intune endpoints can name.
  AzureAccountView add_azure_account(std::string name) {
    auto added = AzureAccounts(*workspace_, actor_)
                     .add({.name = std::move(name),
                           .tenant_id = "11111111-2222-3333-4444-555555555555",
                           .client_id = "66666666-7777-8888-9999-aaaaaaaaaaaa",
                           .client_secret = "not-a-real-secret"});
    EXPECT_TRUE(added) << added.error().client_text;
    return *added;
  }

  AccessCodeIssued add_account(std::string endpoint, std::string name,
                               std::optional<std::string> code = std::nullopt) {
    auto added = Accounts(*workspace_, actor_)
                     .add({.endpoint = std::move(endpoint),
                           .name = std::move(name),
                           .organization = "Acme",
                           .department = "IT",
                           .profile = "clients",
                           .access_code = std::move(code)});
    EXPECT_TRUE(added) << added.error().client_text;
    return *added;
  }

  // An admin "rita" of the organization `org` (an RAO), or of one of its departments (a DRAO).
  Actor scoped(Role role, const std::string& org, std::optional<std::string> department = {}) {
    auto& store = workspace_->store();
    auto found = store.find_organization(org);
    EXPECT_TRUE(found);
    Principal principal{.admin_id = 7, .name = "rita", .role = role, .organization_id = found->id};
    if (department) principal.department_id = store.find_department(found->id, *department)->id;
    return {"admin:rita", "192.0.2.1", principal};
  }

  std::vector<store::AuditEvent> audit_events() {
    auto events = workspace_->store().list_audit({.limit = 1000, .offset = 0});
    EXPECT_TRUE(events);
    return *events;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Workspace> workspace_;
  Actor actor_{"test:alice", "local", local_mrao("test:alice")};
};

template <class T>
void expect_error(const Result<T>& result, ErrorCategory category, std::string_view field = {}) {
  ASSERT_FALSE(result) << "expected " << to_string(category);
  EXPECT_EQ(result.error().category, category) << result.error().client_text;
  EXPECT_EQ(result.error().field, field) << result.error().client_text;
}

}  // namespace scepter::admin
