// `scepter azure-account` locally, and `endpoint add --type intune --azure-account`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "admin/init.hpp"
#include "admin/workspace.hpp"
#include "cli/cli.hpp"
#include "crypto/random.hpp"

namespace scepter::cli {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kTenant = "11111111-2222-3333-4444-555555555555";
constexpr std::string_view kClient = "66666666-7777-8888-9999-aaaaaaaaaaaa";
constexpr std::string_view kSecret = "cli~secret.that-stays-hidden";

struct Outcome {
  int code = 0;
  std::string out;
  std::string err;
  nlohmann::json json() const { return nlohmann::json::parse(out); }
};

class AzureAccountCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("scepter-cli-azure-" + hex_encode(crypto::random_bytes(6)));
    auto workspace = admin::Workspace::open(dir_, true);
    ASSERT_TRUE(workspace);
    auto initialized = admin::initialize(**workspace, {.ca_key = {crypto::KeyType::ec, 256}},
                                         {"test", "local", admin::local_mrao("test")});
    ASSERT_TRUE(initialized) << initialized.error().client_text;
    root_pem_ = (*workspace)->pki().root_certificate()->pem();
    secret_file_ = (dir_ / "secret.txt").string();
    std::ofstream(secret_file_) << kSecret << "\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Outcome scepter(std::vector<std::string> args, const std::string& input = {}) {
    args.insert(args.end(), {"--data", dir_.string()});
    std::ostringstream out, err;
    std::istringstream in(input);
    Console console{out, err};
    console.in = &in;
    CLI::App app("scepter", "scepter");
    register_admin_commands(app, console);
    const int code = run(app, args, console);
    return {code, out.str(), err.str()};
  }

  std::vector<std::string> add_args(std::string name) {
    return {"azure-account",
            "add",
            "--name",
            std::move(name),
            "--tenant",
            std::string(kTenant),
            "--client-id",
            std::string(kClient),
            "--client-secret-file",
            secret_file_};
  }

  std::filesystem::path dir_;
  std::string root_pem_;
  std::string secret_file_;
};

TEST_F(AzureAccountCliTest, AddListShowEditDelete) {
  auto added = scepter(add_args("contoso"));
  ASSERT_EQ(added.code, 0) << added.err;
  EXPECT_THAT(added.out, HasSubstr("authority_url: https://login.microsoftonline.com"));
  EXPECT_EQ(added.out.find(kSecret), std::string::npos);

  auto listed = scepter({"azure-account", "list"});
  EXPECT_THAT(listed.out, HasSubstr("contoso"));
  EXPECT_THAT(listed.out, HasSubstr("public"));
  auto shown = scepter({"azure-account", "show", "--name", "contoso", "--json"});
  ASSERT_EQ(shown.code, 0) << shown.err;
  EXPECT_EQ(shown.json()["tenant_id"], kTenant);
  EXPECT_FALSE(shown.json().contains("client_secret"));

  const auto ca_file = (dir_ / "extra-ca.pem").string();
  std::ofstream(ca_file) << root_pem_;
  auto edited =
      scepter({"azure-account", "edit", "--name", "contoso", "--new-name", "gov", "--environment",
               "usgov", "--client-secret", "new-secret", "--trust-ca", ca_file, "--json"});
  ASSERT_EQ(edited.code, 0) << edited.err;
  EXPECT_EQ(edited.json()["name"], "gov");
  EXPECT_EQ(edited.json()["graph_url"], "https://graph.microsoft.us");
  EXPECT_EQ(edited.json()["trust_ca_pem"], root_pem_);
  auto untrusted = scepter({"azure-account", "edit", "--name", "gov", "--no-trust-ca", "--json"});
  ASSERT_EQ(untrusted.code, 0) << untrusted.err;
  EXPECT_TRUE(untrusted.json()["trust_ca_pem"].is_null());

  auto deleted = scepter({"azure-account", "delete", "--name", "gov"});
  ASSERT_EQ(deleted.code, 0) << deleted.err;
  EXPECT_EQ(deleted.out, "deleted Azure account gov\n");
  EXPECT_EQ(scepter({"azure-account", "show", "--name", "gov"}).code, 1);
}

TEST_F(AzureAccountCliTest, DelegationIsShownAndSetLikeAnEndpoints) {
  ASSERT_EQ(scepter(add_args("contoso")).code, 0);
  ASSERT_EQ(scepter({"org", "add", "--name", "Acme"}).code, 0);
  ASSERT_EQ(scepter({"department", "add", "--org", "Acme", "--name", "IT"}).code, 0);
  auto general = scepter({"azure-account", "delegation", "--name", "contoso", "--json"});
  ASSERT_EQ(general.code, 0) << general.err;
  EXPECT_EQ(general.json()["mode"], "general");

  auto customized = scepter(
      {"azure-account", "delegate", "--name", "contoso", "--department", "Acme", "IT", "--json"});
  ASSERT_EQ(customized.code, 0) << customized.err;
  EXPECT_EQ(customized.json()["mode"], "customized");
  ASSERT_EQ(customized.json()["targets"].size(), 1u);
  EXPECT_EQ(customized.json()["targets"][0]["department"], "IT");
  EXPECT_EQ(scepter({"azure-account", "delegation", "--name", "contoso", "--json"}).json()["mode"],
            "customized");

  auto unknown = scepter({"azure-account", "delegate", "--name", "contoso", "--org", "Nope"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("Nope"));
  auto missing = scepter({"azure-account", "delegation", "--name", "fabrikam"});
  EXPECT_EQ(missing.code, 1);
  auto both =
      scepter({"azure-account", "delegate", "--name", "contoso", "--general", "--org", "Acme"});
  EXPECT_NE(both.code, 0);
}

TEST_F(AzureAccountCliTest, TheSecretMayComeFromStandardInput) {
  auto args = add_args("piped");
  args.back() = "-";
  auto added = scepter(args, std::string(kSecret) + "\r\n");
  ASSERT_EQ(added.code, 0) << added.err;
  auto opened = admin::Workspace::open(dir_, false);
  ASSERT_TRUE(opened);
  auto row = (*opened)->store().find_azure_account("piped");
  ASSERT_TRUE(row);
  auto secret =
      (*opened)->secrets().open(row->client_secret_encrypted, "azure-account client secret");
  ASSERT_TRUE(secret);
  EXPECT_EQ(*secret, kSecret);
}

TEST_F(AzureAccountCliTest, RefusesBadInput) {
  auto bad_tenant = add_args("x");
  bad_tenant[5] = "tenant";
  auto refused = scepter(bad_tenant);
  EXPECT_EQ(refused.code, 1);
  EXPECT_THAT(refused.err, HasSubstr("(field: tenant_id)"));

  std::vector<std::string> no_secret = {
      "azure-account",     "add", "--name", "x", "--tenant", std::string(kTenant), "--client-id",
      std::string(kClient)};
  auto missing = scepter(no_secret);
  EXPECT_EQ(missing.code, 1);
  EXPECT_THAT(missing.err, HasSubstr("(field: client_secret)"));
  auto both = add_args("x");
  both.insert(both.end(), {"--client-secret", "s"});
  EXPECT_EQ(scepter(both).code, 2);
  auto unreadable = add_args("x");
  unreadable.back() = (dir_ / "nope").string();
  EXPECT_EQ(scepter(unreadable).code, 1);
  auto custom = add_args("x");
  custom.insert(custom.end(), {"--environment", "custom", "--graph-url", "https://g.test"});
  auto incomplete = scepter(custom);
  EXPECT_EQ(incomplete.code, 1);
  EXPECT_THAT(incomplete.err, HasSubstr("(field: authority_url)"));
  auto junk_ca = add_args("x");
  junk_ca.insert(junk_ca.end(), {"--trust-ca", secret_file_});
  EXPECT_THAT(scepter(junk_ca).err, HasSubstr("(field: trust_ca_pem)"));
}

TEST_F(AzureAccountCliTest, AFailedTestPrintsItsStepsAndExitsOne) {
  auto args = add_args("loop");
  args.insert(args.end(),
              {"--environment", "custom", "--authority-url", "https://127.0.0.1:9", "--graph-url",
               "https://127.0.0.1:9", "--intune-url", "https://127.0.0.1:9"});
  ASSERT_EQ(scepter(args).code, 0);
  auto tested = scepter({"azure-account", "test", "--name", "loop"});
  EXPECT_EQ(tested.code, 1);
  EXPECT_THAT(tested.out, HasSubstr("NAME"));
  EXPECT_THAT(tested.out, HasSubstr("false"));
  EXPECT_THAT(tested.err, HasSubstr("the connection test failed"));
  auto json = scepter({"azure-account", "test", "--name", "loop", "--json"});
  EXPECT_EQ(json.code, 1);
  EXPECT_EQ(json.json()["ok"], false);
  EXPECT_FALSE(json.json()["steps"].empty());
  EXPECT_EQ(json.out.find(kSecret), std::string::npos);
}

TEST_F(AzureAccountCliTest, IntuneEndpointsNameTheirAzureAccount) {
  ASSERT_EQ(scepter({"org", "add", "--name", "Acme"}).code, 0);
  ASSERT_EQ(scepter({"department", "add", "--org", "Acme", "--name", "IT"}).code, 0);
  ASSERT_EQ(
      scepter({"profile", "add", "--name", "devices", "--cert-type", "device", "--terms", "90"})
          .code,
      0);
  ASSERT_EQ(scepter(add_args("contoso")).code, 0);
  auto added =
      scepter({"endpoint",        "add",    "--type",       "intune", "--name",          "Intune",
               "--uri-extension", "intune", "--cert-type",  "device", "--azure-account", "contoso",
               "--org",           "Acme",   "--department", "IT",     "--profile",       "devices",
               "--term",          "90",     "--json"});
  ASSERT_EQ(added.code, 0) << added.err;
  EXPECT_EQ(added.json()["azure_account"], "contoso");
  auto in_use = scepter({"azure-account", "delete", "--name", "contoso"});
  EXPECT_EQ(in_use.code, 1);
  EXPECT_THAT(in_use.err, HasSubstr("'intune'"));
  auto without = scepter({"endpoint", "add", "--type", "intune", "--name", "I2", "--uri-extension",
                          "i2", "--cert-type", "device", "--org", "Acme", "--department", "IT",
                          "--profile", "devices", "--term", "90"});
  EXPECT_EQ(without.code, 1);
  EXPECT_THAT(without.err, HasSubstr("(field: azure_account)"));
}

}  // namespace
}  // namespace scepter::cli
