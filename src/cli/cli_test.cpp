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
#include "core/codec.hpp"
#include "crypto/certificate.hpp"
#include "crypto/issue.hpp"
#include "crypto/random.hpp"

namespace scepter::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
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

  // Runs `scepter ARGS --data DIR` in-process with a fresh App, as one invocation would; with a
  // transport, what remote mode sends goes there.
  Outcome scepter(std::vector<std::string> args, bool with_data = true,
                  HttpTransport transport = {}) {
    if (with_data) {
      args.push_back("--data");
      args.push_back(dir_.string());
    }
    std::ostringstream out, err;
    Console console{out, err};
    if (transport) console.transport = std::move(transport);
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

  // A certificate of the "clients" endpoint (add_tenant) issued by the issuing CA, recorded as
  // the SCEP service records one; the commands under test never read its DER.
  void add_certificate(const std::string& serial) {
    auto workspace = admin::Workspace::open(dir_, false);
    ASSERT_TRUE(workspace);
    auto& store = (*workspace)->store();
    auto endpoint = store.find_endpoint("clients");
    ASSERT_TRUE(endpoint);
    auto cas = store.list_cas();
    ASSERT_TRUE(cas);
    auto issuing = std::ranges::find(*cas, std::string("issuing"), &store::CaRecord::role);
    ASSERT_NE(issuing, cas->end());
    store::Transaction tx{.endpoint_id = endpoint->id,
                          .transaction_id = "tx-" + serial,
                          .public_key_sha256 = Bytes(32, 1),
                          .status = "issued",
                          .message_type = "PKCSReq",
                          .subject = "CN=laptop",
                          .certificate_serial = serial,
                          .client_address = "192.0.2.7"};
    store::CertificateRecord certificate{.serial = serial,
                                         .endpoint_id = endpoint->id,
                                         .ca_id = issuing->id,
                                         .subject = "CN=laptop",
                                         .not_before = 1,
                                         .not_after = 4102444800,
                                         .der = Bytes{0x30, 0x00},
                                         .public_key_sha256 = Bytes(32, 1),
                                         .transaction_id = tx.transaction_id};
    ASSERT_TRUE(store.record_issuance(tx, certificate));
  }

  // Whether the CRL that `scepter crl` hands out lists the serial.
  bool crl_lists(const std::string& serial) {
    auto exported = scepter({"crl", "--der", "--json"});
    EXPECT_EQ(exported.code, 0) << exported.err;
    auto der = base64_decode(exported.json().at("der_base64").get<std::string>());
    EXPECT_TRUE(der);
    auto crl = crypto::Crl::from_der(*der);
    EXPECT_TRUE(crl);
    return std::ranges::any_of(crl->entries(), [&](const crypto::RevokedEntry& entry) {
      return hex_encode(entry.serial) == serial;
    });
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

TEST_F(CliTest, CertificatesOnHoldAreReleased) {
  add_tenant();
  add_certificate("0a0b");
  add_certificate("0c0d");
  auto held =
      scepter({"cert", "revoke", "--serial", "0A:0B", "--reason", "certificateHold", "--json"});
  ASSERT_EQ(held.code, 0) << held.err;
  EXPECT_EQ(held.json()["revocation_reason"], "certificateHold");
  EXPECT_TRUE(crl_lists("0a0b"));

  auto released = scepter({"cert", "release", "--serial", "0A:0B"});
  ASSERT_EQ(released.code, 0) << released.err;
  EXPECT_THAT(released.out, HasSubstr("serial: 0a0b\n"));
  EXPECT_THAT(released.out, HasSubstr("status: valid\n"));
  EXPECT_THAT(released.out, Not(HasSubstr("revocation_reason")));
  EXPECT_FALSE(crl_lists("0a0b"));

  auto again = scepter({"cert", "release", "--serial", "0a0b"});
  EXPECT_EQ(again.code, 1);
  EXPECT_EQ(again.err, "error: certificate 0a0b is not on hold: it is valid (field: serial)\n");
  ASSERT_EQ(scepter({"cert", "revoke", "--serial", "0c0d", "--reason", "keyCompromise"}).code, 0);
  auto final_revocation = scepter({"cert", "release", "--serial", "0c0d", "--json"});
  EXPECT_EQ(final_revocation.code, 1);
  EXPECT_THAT(final_revocation.err, HasSubstr("keyCompromise"));
  EXPECT_TRUE(crl_lists("0c0d"));
  auto missing = scepter({"cert", "release", "--serial", "0e0f"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(missing.err, "error: no certificate has serial 0e0f (field: serial)\n");
  EXPECT_EQ(scepter({"cert", "release", "--serial", "xyz"}).code, 1);
  EXPECT_EQ(scepter({"cert", "release"}).code, 2);
}

// What the CLI sends for the route; the server's side of it is tested with the REST API.
TEST_F(CliTest, RemoteReleaseIsAPostWithoutBody) {
  std::vector<HttpExchange> sent;
  auto transport = [&](const HttpExchange& exchange) -> Result<HttpAnswer> {
    sent.push_back(exchange);
    return HttpAnswer{200, "application/json", R"({"serial": "0a0b", "status": "valid"})"};
  };
  auto released = scepter({"cert", "release", "--serial", "0A:0B", "--server",
                           "https://scepter.example", "--token", "sct_t"},
                          false, transport);
  ASSERT_EQ(released.code, 0) << released.err;
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_EQ(sent[0].url, "https://scepter.example/api/v1/certificates/0A%3A0B/release");
  EXPECT_EQ(sent[0].body, "");
  EXPECT_THAT(released.out, HasSubstr("status: valid\n"));
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
