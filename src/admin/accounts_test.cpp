#include "admin/accounts.hpp"

#include <gtest/gtest.h>

#include "admin/admin_test_fixture.hpp"
#include "admin/delegations.hpp"

namespace scepter::admin {
namespace {

class AccountsTest : public AdminFixture {
 protected:
  void SetUp() override {
    AdminFixture::SetUp();
    add_tenant();
    endpoint_ = add_scep_endpoint("clients").endpoint;
  }
  Accounts accounts() { return Accounts(*workspace_, actor_); }
  AccountInput input(std::string name) {
    return {.endpoint = "clients",
            .name = std::move(name),
            .organization = "Acme",
            .department = "IT",
            .profile = "clients"};
  }
  Actor rao_of_acme() {
    auto acme = workspace_->store().find_organization("Acme");
    EXPECT_TRUE(acme);
    return {
        "admin:rita", "192.0.2.1",
        Principal{.admin_id = 7, .name = "rita", .role = Role::rao, .organization_id = acme->id}};
  }
  std::optional<store::Account> holder_of(const std::string& code) {
    auto found = workspace_->store().find_account_by_code(endpoint_.id,
                                                          workspace_->access_codes().digest(code));
    EXPECT_TRUE(found);
    return *found;
  }
  store::Endpoint endpoint_;
};

TEST_F(AccountsTest, GeneratesACodeAndStoresOnlyItsDigest) {
  auto added = accounts().add(input("alice"));
  ASSERT_TRUE(added) << added.error().client_text;
  EXPECT_EQ(added->access_code.size(), ca::AccessCodes::kGeneratedLength);
  EXPECT_TRUE(ca::AccessCodes::validate(added->access_code));
  EXPECT_EQ(added->account.organization, "Acme");
  EXPECT_EQ(added->account.department, "IT");
  EXPECT_EQ(added->account.profile, "clients");
  EXPECT_EQ(added->account.term_days, 365);  // the profile's shortest term

  auto stored = workspace_->store().find_account(endpoint_.id, "alice");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->access_code_digest, workspace_->access_codes().digest(added->access_code));
  auto holder = holder_of(added->access_code);
  ASSERT_TRUE(holder);
  EXPECT_EQ(holder->name, "alice");

  auto listed = accounts().list("clients");
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].name, "alice");
}

TEST_F(AccountsTest, AcceptsAGivenCodeWithinTheRules) {
  auto in = input("bob");
  in.access_code = "Printable-Code 1234";
  in.term_days = 730;
  auto added = accounts().add(in);
  ASSERT_TRUE(added) << added.error().client_text;
  EXPECT_EQ(added->access_code, "Printable-Code 1234");
  EXPECT_EQ(added->account.term_days, 730);
  EXPECT_TRUE(holder_of("Printable-Code 1234"));
}

TEST_F(AccountsTest, RefusesCodesOutsideTheAlphabetOrLength) {
  for (std::string bad :
       {std::string("short1"), std::string(129, 'a'), std::string("has@at-sign-1234"),
        std::string("under_score_1234"), std::string("caf\xc3\xa9-caf\xc3\xa9-1234")}) {
    auto in = input("carol");
    in.access_code = bad;
    expect_error(accounts().add(in), ErrorCategory::invalid, "access_code");
  }
  auto listed = accounts().list("clients");
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_F(AccountsTest, ACodeIsUniqueWithinAnEndpoint) {
  add_account("clients", "alice", "SharedCode1234");
  expect_error(accounts().add([&] {
    auto in = input("bob");
    in.access_code = "SharedCode1234";
    return in;
  }()),
               ErrorCategory::conflict, "access_code");
  add_scep_endpoint("elsewhere");
  auto elsewhere = input("bob");
  elsewhere.endpoint = "elsewhere";
  elsewhere.access_code = "SharedCode1234";
  EXPECT_TRUE(accounts().add(elsewhere));
  expect_error(accounts().add(input("alice")), ErrorCategory::conflict, "name");
}

TEST_F(AccountsTest, ChecksEndpointTenantProfileAndTerm) {
  add_azure_account("contoso");
  add_intune_endpoint("intune");
  auto on_intune = input("x");
  on_intune.endpoint = "intune";
  expect_error(accounts().add(on_intune), ErrorCategory::invalid, "endpoint");
  auto no_endpoint = input("x");
  no_endpoint.endpoint = "nope";
  expect_error(accounts().add(no_endpoint), ErrorCategory::not_found, "endpoint");
  auto no_org = input("x");
  no_org.organization = "Nope";
  expect_error(accounts().add(no_org), ErrorCategory::not_found, "organization");
  auto foreign_department = input("x");
  foreign_department.department = "Sales";  // belongs to "Other"
  expect_error(accounts().add(foreign_department), ErrorCategory::not_found, "department");
  auto wrong_type = input("x");
  wrong_type.profile = "devices";
  expect_error(accounts().add(wrong_type), ErrorCategory::invalid, "profile");
  auto bad_term = input("x");
  bad_term.term_days = 90;
  expect_error(accounts().add(bad_term), ErrorCategory::invalid, "term");
  auto listed = accounts().list("clients");
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_F(AccountsTest, RefusesNamesThatAreNotUtf8BeforeWriting) {
  // The access code would be lost if the account were written and the command then failed.
  for (std::string bad : {std::string("bad\xffname"), std::string("trunc\xe2\x82"),
                          std::string("\xc0\xaf"), std::string("\xed\xbf\xbf")}) {
    expect_error(accounts().add(input(bad)), ErrorCategory::invalid, "name");
  }
  EXPECT_TRUE(accounts().add(input("caf\xc3\xa9-\xe6\x9d\xb1\xe4\xba\xac")));
  auto listed = accounts().list("clients");
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 1u);
}

TEST_F(AccountsTest, OnlyTenantsTheEndpointIsDelegatedToGetAccounts) {
  ASSERT_TRUE(Organizations(*workspace_, actor_).add_department("Acme", "HR"));
  Delegations delegations(*workspace_, actor_);
  ASSERT_TRUE(delegations.set("clients", "customized", {{.organization = "Other"}}));
  auto refused = accounts().add(input("alice"));
  expect_error(refused, ErrorCategory::invalid, "department");
  EXPECT_EQ(refused.error().client_text,
            "endpoint 'clients' is not delegated to organization 'Acme', department 'IT'");
  auto sales = input("sam");
  sales.organization = "Other";
  sales.department = "Sales";
  EXPECT_TRUE(accounts().add(sales));  // a whole organization covers its departments

  ASSERT_TRUE(
      delegations.set("clients", "customized",
                      {{.organization = "Other"}, {.organization = "Acme", .department = "IT"}}));
  EXPECT_TRUE(accounts().add(input("alice")));
  auto hr = input("harry");
  hr.department = "HR";
  expect_error(accounts().add(hr), ErrorCategory::invalid, "department");
  // An RAO of Acme sees the endpoint, but still only for the department delegated.
  expect_error(Accounts(*workspace_, rao_of_acme()).add(hr), ErrorCategory::invalid, "department");
}

TEST_F(AccountsTest, OnlyAnMraoChoosesTheAccessCode) {
  // On an endpoint shared by tenants, the uniqueness check would tell an RAO whether another
  // tenant's account has the code it tries.
  add_account("clients", "alice", "SharedCode1234");
  Accounts rao(*workspace_, rao_of_acme());
  auto guessed = input("bob");
  guessed.access_code = "SharedCode1234";
  auto refused = rao.add(guessed);
  expect_error(refused, ErrorCategory::forbidden);
  EXPECT_EQ(refused.error().client_text,
            "only an MRAO may choose an access code; leave it out to get a generated one");
  auto fresh = input("bob");
  fresh.access_code = "FreshCode123456";
  expect_error(rao.add(fresh), ErrorCategory::forbidden);
  auto generated = rao.add(input("bob"));
  ASSERT_TRUE(generated) << generated.error().client_text;
  EXPECT_EQ(generated->access_code.size(), ca::AccessCodes::kGeneratedLength);

  expect_error(rao.rotate_code("clients", "bob", "SharedCode1234"), ErrorCategory::forbidden);
  auto rotated = rao.rotate_code("clients", "bob", std::nullopt);
  ASSERT_TRUE(rotated) << rotated.error().client_text;
  EXPECT_NE(rotated->access_code, generated->access_code);
  EXPECT_TRUE(holder_of(rotated->access_code));
}

TEST_F(AccountsTest, RotatingTheCodeRetiresTheOldOne) {
  const auto first = add_account("clients", "alice");
  const auto before = workspace_->store().find_account(endpoint_.id, "alice");
  ASSERT_TRUE(before);

  auto rotated = accounts().rotate_code("clients", "alice", std::nullopt);
  ASSERT_TRUE(rotated) << rotated.error().client_text;
  EXPECT_NE(rotated->access_code, first.access_code);
  const auto after = workspace_->store().find_account(endpoint_.id, "alice");
  ASSERT_TRUE(after);
  EXPECT_NE(after->access_code_digest, before->access_code_digest);
  EXPECT_FALSE(holder_of(first.access_code));
  ASSERT_TRUE(holder_of(rotated->access_code));

  auto chosen = accounts().rotate_code("clients", "alice", "ChosenCode1234");
  ASSERT_TRUE(chosen);
  EXPECT_TRUE(holder_of("ChosenCode1234"));
  EXPECT_FALSE(holder_of(rotated->access_code));
  // Keeping one's own code is no conflict; taking another account's is.
  EXPECT_TRUE(accounts().rotate_code("clients", "alice", "ChosenCode1234"));
  add_account("clients", "bob", "BobsCode123456");
  expect_error(accounts().rotate_code("clients", "alice", "BobsCode123456"),
               ErrorCategory::conflict, "access_code");
  expect_error(accounts().rotate_code("clients", "alice", "bad"), ErrorCategory::invalid,
               "access_code");
  expect_error(accounts().rotate_code("clients", "nobody", std::nullopt), ErrorCategory::not_found,
               "account");
}

TEST_F(AccountsTest, SecretsNeverReachTheAuditLog) {
  const auto created = add_account("clients", "alice", "SecretCode1234");
  auto rotated = accounts().rotate_code("clients", "alice", std::nullopt);
  ASSERT_TRUE(rotated);
  ASSERT_TRUE(accounts().remove("clients", "alice"));

  const std::vector<std::string> secrets = {
      created.access_code, rotated->access_code,
      hex_encode(workspace_->access_codes().digest(created.access_code)),
      hex_encode(workspace_->access_codes().digest(rotated->access_code))};
  const auto events = audit_events();
  int account_events = 0;
  for (const auto& event : events) {
    if (event.action.starts_with("account.")) ++account_events;
    for (const auto& secret : secrets) {
      EXPECT_EQ(event.before.find(secret), std::string::npos) << event.action;
      EXPECT_EQ(event.after.find(secret), std::string::npos) << event.action;
    }
    EXPECT_EQ(event.after.find("digest"), std::string::npos) << event.action;
    EXPECT_EQ(event.after.find("access_code\""), std::string::npos) << event.action;
  }
  EXPECT_EQ(account_events, 3);
}

TEST_F(AccountsTest, DeleteRemovesTheAccountAndItsCode) {
  const auto created = add_account("clients", "alice");
  ASSERT_TRUE(accounts().remove("clients", "alice"));
  EXPECT_FALSE(holder_of(created.access_code));
  expect_error(accounts().remove("clients", "alice"), ErrorCategory::not_found, "account");
}

}  // namespace
}  // namespace scepter::admin
