#include "cli/cli.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "admin/init.hpp"
#include "admin/workspace.hpp"
#include "crypto/certificate.hpp"
#include "crypto/issue.hpp"
#include "crypto/random.hpp"

namespace scepter::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

struct Outcome {
  int code = 0;
  std::string out;
  std::string err;
  nlohmann::json json() const { return nlohmann::json::parse(out); }
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("scepter-cli-test-" + hex_encode(crypto::random_bytes(6)));
    auto workspace = admin::Workspace::open(dir_, true);
    ASSERT_TRUE(workspace);
    auto initialized = admin::initialize(**workspace, {.ca_key = {crypto::KeyType::ec, 256}},
                                         {"test", "local", admin::local_mrao("test")});
    ASSERT_TRUE(initialized) << initialized.error().client_text;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Runs `scepter ARGS --data DIR` in-process with a fresh App, as one invocation would.
  Outcome scepter(std::vector<std::string> args, bool with_data = true) {
    if (with_data) {
      args.push_back("--data");
      args.push_back(dir_.string());
    }
    std::ostringstream out, err;
    Console console{out, err};
    CLI::App app("scepter", "scepter");
    register_admin_commands(app, console);
    const int code = run(app, args, console);
    return {code, out.str(), err.str()};
  }

  void add_tenant() {
    ASSERT_EQ(scepter({"org", "add", "--name", "Acme"}).code, 0);
    ASSERT_EQ(scepter({"department", "add", "--org", "Acme", "--name", "IT"}).code, 0);
    ASSERT_EQ(scepter({"profile", "add", "--name", "clients", "--cert-type", "client", "--terms",
                       "365,730"})
                  .code,
              0);
    ASSERT_EQ(scepter({"endpoint", "add", "--name", "Clients", "--uri-extension", "clients",
                       "--cert-type", "client"})
                  .code,
              0);
  }

  std::filesystem::path dir_;
};

TEST_F(CliTest, OrganizationsInTablesAndJson) {
  auto added = scepter({"org", "add", "--name", "Acme"});
  EXPECT_EQ(added.code, 0) << added.err;
  EXPECT_THAT(added.out, HasSubstr("name: Acme\n"));
  auto listed = scepter({"org", "list"});
  EXPECT_EQ(listed.code, 0);
  EXPECT_THAT(listed.out, StartsWith("ID  NAME  CREATED_AT\n"));
  auto json = scepter({"org", "list", "--json"});
  ASSERT_EQ(json.code, 0);
  ASSERT_TRUE(json.json().is_array());
  EXPECT_EQ(json.json()[0]["name"], "Acme");
}

TEST_F(CliTest, RuntimeErrorsAreOneLineAndExitOne) {
  ASSERT_EQ(scepter({"org", "add", "--name", "Acme"}).code, 0);
  auto duplicate = scepter({"org", "add", "--name", "Acme"});
  EXPECT_EQ(duplicate.code, 1);
  EXPECT_EQ(duplicate.err, "error: organization 'Acme' already exists (field: name)\n");
  EXPECT_TRUE(duplicate.out.empty());

  auto bad_extension = scepter(
      {"endpoint", "add", "--name", "x", "--uri-extension", "a/b", "--cert-type", "client"});
  EXPECT_EQ(bad_extension.code, 1);
  EXPECT_EQ(bad_extension.err,
            "error: uri_extension may contain only letters, digits and . _ ~ - (field: "
            "uri_extension)\n");
}

TEST_F(CliTest, NamesThatAreNotUtf8AreRefusedBeforeAnyWrite) {
  auto org = scepter({"org", "add", "--name", "bad\xffname", "--json"});
  EXPECT_EQ(org.code, 1);
  EXPECT_EQ(org.err, "error: name must be valid UTF-8 (field: name)\n");
  EXPECT_TRUE(org.out.empty());
  EXPECT_EQ(scepter({"org", "list", "--json"}).json(), nlohmann::json::array());

  add_tenant();
  auto account = scepter({"account", "add", "--endpoint", "clients", "--name", "bad\xffname",
                          "--org", "Acme", "--department", "IT", "--profile", "clients", "--json"});
  EXPECT_EQ(account.code, 1);
  EXPECT_EQ(account.err, "error: name must be valid UTF-8 (field: name)\n");
  EXPECT_EQ(scepter({"account", "list", "--endpoint", "clients", "--json"}).json(),
            nlohmann::json::array());
}

TEST_F(CliTest, UnforeseenExceptionsEndAsOneErrorLineNotAnAbort) {
  std::ostringstream out, err;
  Console console{out, err};
  CLI::App app("scepter", "scepter");
  app.add_subcommand("dump", "")->callback([] { (void)nlohmann::json("bad\xffname").dump(); });
  app.add_subcommand("throw", "")->callback([] { throw std::runtime_error("out of luck"); });

  EXPECT_EQ(run(app, {"throw"}, console), 1);
  EXPECT_EQ(err.str(), "error: out of luck\n");
  err.str("");
  EXPECT_EQ(run(app, {"dump"}, console), 1);
  EXPECT_THAT(err.str(), StartsWith("error: [json.exception.type_error.316]"));
  EXPECT_EQ(std::ranges::count(err.str(), '\n'), 1);
}

TEST_F(CliTest, UninitializedDataDirectoryTellsToRunInit) {
  const auto elsewhere = dir_ / "nothing-here";
  auto outcome = scepter({"org", "list", "--data", elsewhere.string()}, false);
  EXPECT_EQ(outcome.code, 1);
  EXPECT_EQ(outcome.err,
            "error: no scepter data in " + elsewhere.string() + ": run `scepter init`\n");
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(scepter({"org", "add"}).code, 2);  // --name is required
  EXPECT_EQ(scepter({"org"}).code, 2);         // a verb is required
  EXPECT_EQ(scepter({"org", "rename", "--name", "x"}).code, 2);
  EXPECT_EQ(scepter({"profile", "add", "--name", "p", "--cert-type", "server"}).code, 2);
  EXPECT_EQ(scepter({"org", "list", "--help"}, false).code, 0);
}

TEST_F(CliTest, ProfileListsReplaceDefaults) {
  auto added = scepter({"profile", "add", "--name", "p", "--cert-type", "device", "--terms",
                        "730,365", "--key-types", "ec", "--eku", "clientAuth,serverAuth",
                        "--requires-approval", "--json"});
  ASSERT_EQ(added.code, 0) << added.err;
  const auto profile = added.json();
  EXPECT_EQ(profile["terms_days"], nlohmann::json::array({365, 730}));
  EXPECT_EQ(profile["key_types"], nlohmann::json::array({"ec"}));
  EXPECT_EQ(profile["extended_key_usage"], nlohmann::json::array({"serverAuth", "clientAuth"}));
  EXPECT_EQ(profile["requires_approval"], true);
  auto shown = scepter({"profile", "show", "--name", "p"});
  EXPECT_EQ(shown.code, 0);
  EXPECT_THAT(shown.out, HasSubstr("terms_days: 365, 730\n"));
}

TEST_F(CliTest, AccountCodeIsPrintedOnceAndWorks) {
  add_tenant();
  auto added = scepter({"account", "add", "--endpoint", "clients", "--name", "alice", "--org",
                        "Acme", "--department", "IT", "--profile", "clients", "--json"});
  ASSERT_EQ(added.code, 0) << added.err;
  const std::string code = added.json()["access_code"];
  EXPECT_EQ(code.size(), 24u);

  auto listed = scepter({"account", "list", "--endpoint", "clients", "--json"});
  ASSERT_EQ(listed.code, 0);
  EXPECT_THAT(listed.out, ::testing::Not(HasSubstr(code)));
  EXPECT_EQ(listed.json()[0]["name"], "alice");

  auto rotated = scepter({"account", "rotate-code", "--endpoint", "clients", "--name", "alice",
                          "--access-code", "NewCode123456"});
  ASSERT_EQ(rotated.code, 0) << rotated.err;
  EXPECT_THAT(rotated.out, HasSubstr("access_code: NewCode123456\n"));

  auto bad = scepter({"account", "add", "--endpoint", "clients", "--name", "bob", "--org", "Acme",
                      "--department", "IT", "--profile", "clients", "--term", "90"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_THAT(bad.err, HasSubstr("(field: term)"));

  auto deleted = scepter({"account", "delete", "--endpoint", "clients", "--name", "alice"});
  EXPECT_EQ(deleted.code, 0);
  EXPECT_EQ(deleted.out, "deleted account alice\n");
}

TEST_F(CliTest, EndpointEditAndDelete) {
  add_tenant();
  auto edited = scepter({"endpoint", "edit", "--endpoint", "clients", "--enabled", "false",
                         "--getcacert-format", "single-pem", "--json"});
  ASSERT_EQ(edited.code, 0) << edited.err;
  EXPECT_EQ(edited.json()["enabled"], false);
  EXPECT_EQ(edited.json()["getcacert_format"], "single-pem");
  auto immutable = scepter({"endpoint", "edit", "--endpoint", "clients", "--cert-type", "device"});
  EXPECT_EQ(immutable.code, 1);
  EXPECT_THAT(immutable.err, HasSubstr("(field: cert_type)"));

  ASSERT_EQ(scepter({"account", "add", "--endpoint", "clients", "--name", "alice", "--org", "Acme",
                     "--department", "IT", "--profile", "clients"})
                .code,
            0);
  auto refused = scepter({"endpoint", "delete", "--endpoint", "clients"});
  EXPECT_EQ(refused.code, 1);
  EXPECT_THAT(refused.err, HasSubstr("delete it with force"));
  auto forced = scepter({"endpoint", "delete", "--endpoint", "clients", "--force", "--json"});
  ASSERT_EQ(forced.code, 0) << forced.err;
  EXPECT_EQ(forced.json()["deleted"], "clients");
  auto table = scepter({"endpoint", "list"});
  EXPECT_EQ(table.out, "(none)\n");
}

TEST_F(CliTest, OrganizationsAndDepartmentsAreRenamedAndDeleted) {
  add_tenant();
  auto renamed = scepter({"org", "edit", "--name", "Acme", "--new-name", "Acme Corp", "--json"});
  ASSERT_EQ(renamed.code, 0) << renamed.err;
  EXPECT_EQ(renamed.json()["name"], "Acme Corp");
  auto department = scepter(
      {"department", "edit", "--org", "Acme Corp", "--name", "IT", "--new-name", "Ops", "--json"});
  ASSERT_EQ(department.code, 0) << department.err;
  EXPECT_EQ(department.json()["name"], "Ops");
  EXPECT_EQ(department.json()["organization"], "Acme Corp");

  auto in_use = scepter({"org", "delete", "--name", "Acme Corp"});
  EXPECT_EQ(in_use.code, 1);
  EXPECT_EQ(in_use.err,
            "error: organization 'Acme Corp' is still used by department 'Ops'; change or delete "
            "them first (field: organization)\n");
  auto deleted = scepter({"department", "delete", "--org", "Acme Corp", "--name", "Ops"});
  ASSERT_EQ(deleted.code, 0) << deleted.err;
  EXPECT_EQ(deleted.out, "deleted department Ops of Acme Corp\n");
  auto org = scepter({"org", "delete", "--name", "Acme Corp", "--json"});
  ASSERT_EQ(org.code, 0) << org.err;
  EXPECT_EQ(org.json()["deleted"], "Acme Corp");
  EXPECT_EQ(scepter({"org", "list"}).out, "(none)\n");

  EXPECT_EQ(scepter({"org", "edit", "--name", "x"}).code, 2);           // --new-name is required
  EXPECT_EQ(scepter({"department", "delete", "--name", "x"}).code, 2);  // so is --org
  auto missing = scepter({"department", "delete", "--org", "Nope", "--name", "x"});
  EXPECT_EQ(missing.err, "error: organization 'Nope' does not exist (field: organization)\n");
}

TEST_F(CliTest, ProfilesAreEditedWithinTheirRulesAndDeleted) {
  add_tenant();
  auto edited =
      scepter({"profile", "edit", "--name", "clients", "--new-name", "laptops", "--min-rsa-bits",
               "3072", "--eku", "clientAuth", "--requires-approval", "true", "--json"});
  ASSERT_EQ(edited.code, 0) << edited.err;
  const auto profile = edited.json();
  EXPECT_EQ(profile["name"], "laptops");
  EXPECT_EQ(profile["min_rsa_bits"], 3072);
  EXPECT_EQ(profile["terms_days"], nlohmann::json::array({365, 730}));  // kept
  EXPECT_EQ(profile["requires_approval"], true);

  auto fixed = scepter({"profile", "edit", "--name", "laptops", "--cert-type", "device"});
  EXPECT_EQ(fixed.code, 1);
  EXPECT_THAT(fixed.err, HasSubstr("(field: cert_type)"));
  auto bad = scepter({"profile", "edit", "--name", "laptops", "--terms", "0"});
  EXPECT_THAT(bad.err, HasSubstr("(field: terms_days)"));
  EXPECT_EQ(scepter({"profile", "edit", "--name", "laptops", "--min-rsa-bits", "big"}).code, 2);

  ASSERT_EQ(scepter({"account", "add", "--endpoint", "clients", "--name", "alice", "--org", "Acme",
                     "--department", "IT", "--profile", "laptops", "--term", "730"})
                .code,
            0);
  auto term_in_use = scepter({"profile", "edit", "--name", "laptops", "--terms", "365"});
  EXPECT_EQ(term_in_use.code, 1);
  EXPECT_EQ(term_in_use.err,
            "error: terms_days drops a term still used by account 'alice' of endpoint 'clients' "
            "(730 days); keep the term or change them first (field: terms_days)\n");
  auto in_use = scepter({"profile", "delete", "--name", "laptops"});
  EXPECT_EQ(in_use.code, 1);
  EXPECT_THAT(in_use.err, HasSubstr("account 'alice' of endpoint 'clients'"));
  ASSERT_EQ(scepter({"account", "delete", "--endpoint", "clients", "--name", "alice"}).code, 0);
  auto deleted = scepter({"profile", "delete", "--name", "laptops"});
  ASSERT_EQ(deleted.code, 0) << deleted.err;
  EXPECT_EQ(deleted.out, "deleted certificate profile laptops\n");
}

TEST_F(CliTest, EndpointDelegationIsShownAndSet) {
  add_tenant();
  ASSERT_EQ(scepter({"org", "add", "--name", "Other"}).code, 0);
  auto general = scepter({"endpoint", "delegation", "--endpoint", "clients", "--json"});
  ASSERT_EQ(general.code, 0) << general.err;
  EXPECT_EQ(general.json()["mode"], "general");
  auto customized = scepter({"endpoint", "delegate", "--endpoint", "clients", "--org", "Other",
                             "--department", "Acme", "IT", "--json"});
  ASSERT_EQ(customized.code, 0) << customized.err;
  EXPECT_EQ(customized.json()["mode"], "customized");
  EXPECT_EQ(customized.json()["targets"],
            nlohmann::json::parse(R"([{"organization":"Other","department":null},
                                      {"organization":"Acme","department":"IT"}])"));
  auto shown = scepter({"endpoint", "delegation", "--endpoint", "clients"});
  EXPECT_THAT(shown.out, HasSubstr("mode: customized\n"));

  auto nothing = scepter({"endpoint", "delegate", "--endpoint", "clients"});
  EXPECT_EQ(nothing.code, 1);
  EXPECT_THAT(nothing.err, HasSubstr("(field: targets)"));
  EXPECT_EQ(
      scepter({"endpoint", "delegate", "--endpoint", "clients", "--general", "--org", "Other"})
          .code,
      2);
  auto unknown = scepter({"endpoint", "delegate", "--endpoint", "clients", "--org", "Nope"});
  EXPECT_THAT(unknown.err, HasSubstr("(field: organization)"));
  auto back = scepter({"endpoint", "delegate", "--endpoint", "clients", "--general", "--json"});
  ASSERT_EQ(back.code, 0) << back.err;
  EXPECT_EQ(back.json()["targets"], nlohmann::json::array());
}

TEST_F(CliTest, ExportsCertificatesAndCrls) {
  const auto ra_file = (dir_ / "ra.der").string();
  auto exported = scepter({"ra", "export", "--name", "default-ra", "--der", "--out", ra_file});
  ASSERT_EQ(exported.code, 0) << exported.err;
  EXPECT_EQ(exported.out, "wrote " + ra_file + "\n");
  std::ifstream der_file(ra_file, std::ios::binary);
  const std::string der((std::istreambuf_iterator<char>(der_file)), {});
  EXPECT_TRUE(crypto::Certificate::from_der(as_bytes(der)));

  auto pem = scepter({"ra", "export", "--name", "default-ra"});
  ASSERT_EQ(pem.code, 0);
  EXPECT_TRUE(crypto::Certificate::from_pem(pem.out));

  auto crl = scepter({"crl"});
  ASSERT_EQ(crl.code, 0) << crl.err;
  EXPECT_THAT(crl.out, StartsWith("-----BEGIN X509 CRL-----"));
  auto crl_json = scepter({"crl", "--der", "--json"});
  ASSERT_EQ(crl_json.code, 0);
  EXPECT_TRUE(crl_json.json().contains("der_base64"));
}

TEST_F(CliTest, CaShowAndCertificates) {
  auto shown = scepter({"ca", "show", "--json"});
  ASSERT_EQ(shown.code, 0) << shown.err;
  EXPECT_EQ(shown.json()["root"]["role"], "root");
  EXPECT_TRUE(shown.json()["next"].is_null());
  auto human = scepter({"ca", "show"});
  EXPECT_THAT(human.out, HasSubstr("issuing.role: issuing\n"));

  EXPECT_EQ(scepter({"cert", "list"}).out, "(none)\n");
  auto missing = scepter({"cert", "revoke", "--serial", "0a0b"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(missing.err, "error: no certificate has serial 0a0b (field: serial)\n");
  EXPECT_EQ(scepter({"request", "list"}).out, "(none)\n");
}

TEST_F(CliTest, AdminCreatePrintsPasswordAndTokenOnce) {
  add_tenant();
  auto created = scepter({"admin", "create", "--name", "root", "--role", "mrao", "--json"});
  ASSERT_EQ(created.code, 0) << created.err;
  auto json = created.json();
  EXPECT_EQ(json["admin"]["role"], "mrao");
  EXPECT_EQ(json["password"].get<std::string>().size(), 24u);
  EXPECT_THAT(json["api_token"].get<std::string>(), StartsWith("sct_"));
  auto drao = scepter({"admin", "create", "--name", "dave", "--role", "drao", "--org", "Acme",
                       "--department", "IT", "--json"});
  ASSERT_EQ(drao.code, 0) << drao.err;
  EXPECT_EQ(drao.json()["admin"]["department"], "IT");
  auto listed = scepter({"admin", "list", "--json"});
  EXPECT_EQ(listed.json().size(), 2u);
  EXPECT_EQ(listed.out.find(json["password"].get<std::string>()), std::string::npos);

  auto missing_org = scepter({"admin", "create", "--name", "r", "--role", "rao"});
  EXPECT_EQ(missing_org.code, 1);
  EXPECT_THAT(missing_org.err, HasSubstr("(field: organization)"));
  EXPECT_EQ(scepter({"admin", "create", "--name", "root", "--role", "mrao"}).code, 1);
  EXPECT_EQ(scepter({"admin", "create", "--name", "x"}).code, 2);
}

TEST_F(CliTest, AdminsAreDisabledAndEnabledAgain) {
  ASSERT_EQ(scepter({"admin", "create", "--name", "ops", "--role", "mrao"}).code, 0);
  auto disabled = scepter({"admin", "disable", "--name", "ops", "--json"});
  ASSERT_EQ(disabled.code, 0) << disabled.err;
  EXPECT_EQ(disabled.json()["disabled"], true);
  auto table = scepter({"admin", "list"});
  EXPECT_THAT(table.out, HasSubstr("DISABLED"));
  EXPECT_THAT(table.out, HasSubstr("true"));
  auto enabled = scepter({"admin", "enable", "--name", "ops", "--json"});
  ASSERT_EQ(enabled.code, 0) << enabled.err;
  EXPECT_EQ(enabled.json()["disabled"], false);
  auto missing = scepter({"admin", "disable", "--name", "nobody"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(scepter({"admin", "disable"}).code, 2);
}

}  // namespace
}  // namespace scepter::cli
