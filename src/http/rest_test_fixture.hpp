#pragma once
// A workspace with two organizations, endpoints delegated in each way, accounts, pending
// requests and certificates in several departments, one admin per role, and the REST routes on a
// Router that tests call in-process.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "admin/accounts.hpp"
#include "admin/admin_test_fixture.hpp"
#include "admin/auth.hpp"
#include "admin/delegations.hpp"
#include "admin/requests.hpp"
#include "crypto/cms_client_request.hpp"
#include "crypto/key.hpp"
#include "http/rest_api.hpp"
#include "http/router.hpp"

namespace scepter::http::testing {

// The cheapest Argon2id libsodium allows: tests log in often.
inline const admin::AuthPolicy kTestAuthPolicy{.pwhash_ops = 1, .pwhash_memory = 8192};

struct Reply {
  Response response;
  nlohmann::json json() const { return nlohmann::json::parse(response.body, nullptr, false); }
  std::string code() const { return json().value("code", ""); }
};

class RestFixture : public admin::AdminFixture {
 protected:
  void SetUp() override {
    AdminFixture::SetUp();
    add_tenant();
    admin::Organizations orgs(*workspace_, actor_);
    ASSERT_TRUE(orgs.add_department("Acme", "HR"));
    add_scep_endpoint("general");
    add_scep_endpoint("acme-only");
    add_scep_endpoint("it-only");
    add_scep_endpoint("hr-only");
    add_scep_endpoint("other-only");
    delegate("acme-only", {{.organization = "Acme"}});
    delegate("it-only", {{.organization = "Acme", .department = "IT"}});
    delegate("hr-only", {{.organization = "Acme", .department = "HR"}});
    delegate("other-only", {{.organization = "Other"}});
    add_account_in("general", "acme-it", "Acme", "IT");
    add_account_in("general", "acme-hr", "Acme", "HR");
    add_account_in("general", "other-sales", "Other", "Sales");
    add_account_in("it-only", "it-box", "Acme", "IT");
    for (const auto* account : {"acme-it", "acme-hr", "other-sales"}) {
      make_pending("general", account, std::string("pending-") + account);
      make_pending("general", account, std::string("issued-") + account);
      auto issued =
          admin::Requests(*workspace_, actor_).approve("general", std::string("issued-") + account);
      ASSERT_TRUE(issued) << issued.error().client_text;
      serials_[account] = issued->serial;
    }
    add_azure_account("contoso");
    add_azure_account("acme-azure");
    add_azure_account("hr-azure");
    add_azure_account("other-azure");
    delegate_azure("acme-azure", {{.organization = "Acme"}});
    delegate_azure("hr-azure", {{.organization = "Acme", .department = "HR"}});
    delegate_azure("other-azure", {{.organization = "Other"}});
    mrao_ = create_admin({.name = "root", .role = "mrao"});
    rao_ = create_admin({.name = "rita", .role = "rao", .organization = "Acme"});
    drao_ =
        create_admin({.name = "dave", .role = "drao", .organization = "Acme", .department = "IT"});
    add_rest_routes(router_, {.workspace = *workspace_, .auth_policy = kTestAuthPolicy});
  }

  void delegate(const std::string& endpoint, std::vector<admin::DelegationTarget> targets) {
    auto set = admin::Delegations(*workspace_, actor_).set(endpoint, "customized", targets);
    ASSERT_TRUE(set) << set.error().client_text;
  }

  void delegate_azure(const std::string& account, std::vector<admin::DelegationTarget> targets) {
    auto set =
        admin::AzureAccounts(*workspace_, actor_).set_delegation(account, "customized", targets);
    ASSERT_TRUE(set) << set.error().client_text;
  }

  void add_account_in(const std::string& endpoint, const std::string& name, const std::string& org,
                      const std::string& department) {
    auto added = admin::Accounts(*workspace_, actor_)
                     .add({.endpoint = endpoint,
                           .name = name,
                           .organization = org,
                           .department = department,
                           .profile = "clients"});
    ASSERT_TRUE(added) << added.error().client_text;
  }

  void make_pending(const std::string& endpoint, const std::string& account,
                    const std::string& transaction_id) {
    auto& store = workspace_->store();
    auto found_endpoint = store.find_endpoint(endpoint);
    ASSERT_TRUE(found_endpoint);
    auto found_account = store.find_account(found_endpoint->id, account);
    ASSERT_TRUE(found_account);
    auto key = crypto::PrivateKey::generate({crypto::KeyType::ec, 256});
    ASSERT_TRUE(key);
    auto csr = crypto::build_csr({.subject = {{"CN", transaction_id}}}, *key);
    ASSERT_TRUE(csr);
    store::Transaction tx{.endpoint_id = found_endpoint->id,
                          .transaction_id = transaction_id,
                          .public_key_sha256 = key->public_key().sha256(),
                          .status = "pending",
                          .message_type = "PKCSReq",
                          .account_id = found_account->id,
                          .csr_der = csr->der(),
                          .subject = "CN=" + transaction_id,
                          .client_address = "192.0.2.1",
                          .created_at = workspace_->now(),
                          .updated_at = workspace_->now()};
    ASSERT_TRUE(store.create_pending(tx));
  }

  admin::AdminCreated create_admin(const admin::AdminInput& input) {
    auto created = admin::Auth(*workspace_, kTestAuthPolicy).create_admin(actor_, input);
    EXPECT_TRUE(created) << created.error().client_text;
    return *created;
  }

  Reply call(const std::string& method, const std::string& target, const std::string& token,
             const nlohmann::json& body = nullptr) {
    Request request{.method = method, .client_address = "198.51.100.7"};
    auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) request.query = target.substr(question + 1);
    if (!body.is_null()) request.body = body.dump();
    if (!token.empty()) request.authorization = "Bearer " + token;
    return {router_.dispatch(request)};
  }

  Router router_;
  admin::AdminCreated mrao_, rao_, drao_;
  std::map<std::string, std::string> serials_;  // account -> serial of its issued certificate
};

}  // namespace scepter::http::testing
