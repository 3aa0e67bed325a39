// The CLI's remote mode against the REST API: in-process for output equality with local mode,
// and once over a real listener with libcurl.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "admin/azure_accounts.hpp"
#include "cli/cli.hpp"
#include "http/rest_test_fixture.hpp"
#include "http/server.hpp"

namespace scepter::http {
namespace {

using testing::RestFixture;

// https: the CLI sends a token over plain http:// to loopback addresses only.
constexpr std::string_view kServer = "https://scepter.test";

class CliRemoteTest : public RestFixture {
 protected:
  // Hands the CLI's requests straight to the router, as the listener would.
  Result<cli::HttpAnswer> in_process(const cli::HttpExchange& exchange) {
    auto target = exchange.url.substr(kServer.size());
    auto question = target.find('?');
    Request request{.method = exchange.method,
                    .path = target.substr(0, question),
                    .query = question == std::string::npos ? "" : target.substr(question + 1),
                    .body = exchange.body,
                    .client_address = "127.0.0.1",
                    .authorization = exchange.authorization};
    auto response = router_.dispatch(request);
    return cli::HttpAnswer{response.status, response.content_type, response.body};
  }

  struct Outcome {
    int code;
    std::string out;
    std::string err;
  };

  Outcome run(std::vector<std::string> args, cli::HttpTransport transport = nullptr) {
    std::ostringstream out, err;
    std::istringstream in(stdin_);
    cli::Console console{out, err};
    console.in = &in;
    console.transport = transport ? std::move(transport)
                                  : [this](const cli::HttpExchange& e) { return in_process(e); };
    CLI::App app("scepter");
    cli::register_admin_commands(app, console);
    int code = cli::run(app, args, console);
    return {code, out.str(), err.str()};
  }

  Outcome local(std::vector<std::string> args) {
    args.insert(args.end(), {"--data", dir_.string(), "--json"});
    return run(std::move(args));
  }
  Outcome remote(std::vector<std::string> args, const std::string& token) {
    args.insert(args.end(), {"--server", std::string(kServer), "--token", token, "--json"});
    return run(std::move(args));
  }
  // A CLI configuration file naming the in-process server, private as the CLI insists.
  std::string profile_file(const std::string& text) {
    const auto path = (dir_ / "cli.toml").string();
    std::ofstream(path) << text;
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return path;
  }

  std::string stdin_;
};

TEST_F(CliRemoteTest, ListsPrintTheSameJsonLocallyAndRemotely) {
  for (const auto& verb : std::vector<std::vector<std::string>>{
           {"org", "list"},
           {"department", "list"},
           {"department", "list", "--org", "Acme"},
           {"endpoint", "list"},
           {"endpoint", "show", "--endpoint", "general"},
           {"account", "list", "--endpoint", "general"},
           {"cert", "list"},
           {"cert", "list", "--endpoint", "general", "--account", "acme-it"},
           {"cert", "show", "--serial", serials_.at("acme-hr")},
           {"profile", "list"},
           {"profile", "show", "--name", "clients"},
           {"ra", "list"},
           {"ra", "export", "--name", "default-ra"},
           {"request", "list"},
           {"request", "list", "--endpoint", "general"},
           {"admin", "list"},
           {"azure-account", "list"},
           {"azure-account", "show", "--name", "acme-azure"}}) {
    auto here = local(verb);
    auto there = remote(verb, mrao_.api_token);
    SCOPED_TRACE(verb[0] + " " + verb[1]);
    ASSERT_EQ(here.code, 0) << here.err;
    ASSERT_EQ(there.code, 0) << there.err;
    EXPECT_EQ(here.out, there.out);
  }
}

// The same change made once locally and once remotely (undone after each where needed) prints
// the same JSON; refusals print the same error line.
TEST_F(CliRemoteTest, EditsAndDeletesPrintTheSameJsonLocallyAndRemotely) {
  auto same = [&](const std::vector<std::string>& verb, const std::vector<std::string>& undo) {
    SCOPED_TRACE(verb[0] + " " + verb[1]);
    auto here = local(verb);
    ASSERT_EQ(here.code, 0) << here.err;
    if (!undo.empty()) {
      ASSERT_EQ(local(undo).code, 0);
    }
    auto there = remote(verb, mrao_.api_token);
    ASSERT_EQ(there.code, 0) << there.err;
    EXPECT_EQ(here.out, there.out);
    if (!undo.empty()) {
      ASSERT_EQ(local(undo).code, 0);
    }
  };
  same({"org", "edit", "--name", "Other", "--new-name", "Others"},
       {"org", "edit", "--name", "Others", "--new-name", "Other"});
  same({"department", "edit", "--org", "Acme", "--name", "HR", "--new-name", "People"},
       {"department", "edit", "--org", "Acme", "--name", "People", "--new-name", "HR"});
  same({"profile", "edit", "--name", "clients", "--min-rsa-bits", "3072", "--terms", "365,730,30",
        "--requires-approval", "true"},
       {});
  same({"endpoint", "delegate", "--endpoint", "acme-only", "--org", "Other", "--department", "Acme",
        "IT"},
       {});
  same({"endpoint", "delegation", "--endpoint", "acme-only"}, {});
  for (const auto& [create, remove] :
       std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>>{
           {{"org", "add", "--name", "Spare"}, {"org", "delete", "--name", "Spare"}},
           {{"department", "add", "--org", "Acme", "--name", "Spare"},
            {"department", "delete", "--org", "Acme", "--name", "Spare"}},
           {{"profile", "add", "--name", "spare", "--cert-type", "client"},
            {"profile", "delete", "--name", "spare"}}}) {
    ASSERT_EQ(local(create).code, 0);
    same(remove, create);
    ASSERT_EQ(local(remove).code, 0);
  }
  for (const auto& refused : std::vector<std::vector<std::string>>{
           {"org", "delete", "--name", "Acme"},
           {"department", "delete", "--org", "Acme", "--name", "IT"},
           {"department", "edit", "--org", "Acme", "--name", "Nope", "--new-name", "X"},
           {"department", "edit", "--org", "Nope", "--name", "IT", "--new-name", "X"},
           {"profile", "delete", "--name", "clients"},
           {"profile", "edit", "--name", "clients", "--cert-type", "device"},
           {"profile", "edit", "--name", "clients", "--terms", "90"}}) {
    auto here = local(refused);
    auto there = remote(refused, mrao_.api_token);
    SCOPED_TRACE(refused[0] + " " + refused[1]);
    EXPECT_EQ(here.code, 1);
    EXPECT_EQ(there.code, 1);
    EXPECT_EQ(here.err, there.err);
  }
  auto forbidden = remote({"profile", "delete", "--name", "devices"}, rao_.api_token);
  EXPECT_EQ(forbidden.err, "error: only an MRAO may delete profiles\n");
  auto hidden =
      remote({"department", "delete", "--org", "Other", "--name", "Sales"}, rao_.api_token);
  EXPECT_EQ(hidden.err, "error: organization 'Other' does not exist (field: organization)\n");
}

TEST_F(CliRemoteTest, ChangesGoThroughTheApiWithTheTokensScope) {
  auto added = remote({"org", "add", "--name", "Remote"}, mrao_.api_token);
  ASSERT_EQ(added.code, 0) << added.err;
  EXPECT_EQ(nlohmann::json::parse(added.out)["name"], "Remote");

  auto account = remote({"account", "add", "--endpoint", "general", "--name", "r1", "--org", "Acme",
                         "--department", "IT", "--profile", "clients"},
                        drao_.api_token);
  ASSERT_EQ(account.code, 0) << account.err;
  EXPECT_FALSE(nlohmann::json::parse(account.out)["access_code"].get<std::string>().empty());
  auto rotated =
      remote({"account", "rotate-code", "--endpoint", "general", "--name", "r1"}, drao_.api_token);
  EXPECT_EQ(rotated.code, 0) << rotated.err;
  auto deleted =
      remote({"account", "delete", "--endpoint", "general", "--name", "r1"}, drao_.api_token);
  EXPECT_EQ(deleted.code, 0) << deleted.err;
  EXPECT_EQ(nlohmann::json::parse(deleted.out)["deleted"], "r1");

  auto revoked =
      remote({"cert", "revoke", "--serial", serials_.at("acme-it"), "--reason", "superseded"},
             rao_.api_token);
  ASSERT_EQ(revoked.code, 0) << revoked.err;
  EXPECT_EQ(nlohmann::json::parse(revoked.out)["status"], "revoked");

  // The audit names the admin behind the token, not the local user.
  auto events = workspace_->store().list_audit({.limit = 1, .offset = 0});
  ASSERT_TRUE(events);
  EXPECT_EQ(events->front().actor, "admin:rita");
}

TEST_F(CliRemoteTest, EveryVerbGroupTheApiServesWorksRemotely) {
  const std::string tenant = "11111111-2222-3333-4444-555555555555";
  const std::string client = "66666666-7777-8888-9999-aaaaaaaaaaaa";
  stdin_ = "piped-secret\n";
  auto azure = remote({"azure-account", "add", "--name", "remote-azure", "--environment", "custom",
                       "--tenant", tenant, "--client-id", client, "--client-secret-file", "-",
                       "--authority-url", "https://127.0.0.1:9", "--graph-url",
                       "https://127.0.0.1:9", "--intune-url", "https://127.0.0.1:9"},
                      mrao_.api_token);
  ASSERT_EQ(azure.code, 0) << azure.err;
  EXPECT_EQ(nlohmann::json::parse(azure.out)["environment"], "custom");
  auto row = workspace_->store().find_azure_account("remote-azure");
  ASSERT_TRUE(row);
  EXPECT_EQ(
      *workspace_->secrets().open(row->client_secret_encrypted, admin::kAzureClientSecretPurpose),
      "piped-secret");
  auto edited = remote({"azure-account", "edit", "--name", "remote-azure", "--new-name", "renamed"},
                       mrao_.api_token);
  ASSERT_EQ(edited.code, 0) << edited.err;
  auto tested = remote({"azure-account", "test", "--name", "renamed"}, mrao_.api_token);
  EXPECT_EQ(tested.code, 1);
  EXPECT_EQ(nlohmann::json::parse(tested.out)["ok"], false);
  auto forbidden = remote({"azure-account", "test", "--name", "renamed"}, rao_.api_token);
  EXPECT_EQ(forbidden.err, "error: only an MRAO may test Azure accounts\n");

  auto intune =
      remote({"endpoint",        "add",    "--type",       "intune", "--name",          "Intune",
              "--uri-extension", "intune", "--cert-type",  "device", "--azure-account", "renamed",
              "--org",           "Acme",   "--department", "IT",     "--profile",       "devices",
              "--term",          "90"},
             mrao_.api_token);
  ASSERT_EQ(intune.code, 0) << intune.err;
  EXPECT_EQ(nlohmann::json::parse(intune.out)["azure_account"], "renamed");
  auto in_use = remote({"azure-account", "delete", "--name", "renamed"}, mrao_.api_token);
  EXPECT_EQ(in_use.code, 1);
  auto disabled =
      remote({"endpoint", "edit", "--endpoint", "intune", "--enabled", "false"}, mrao_.api_token);
  ASSERT_EQ(disabled.code, 0) << disabled.err;
  EXPECT_EQ(nlohmann::json::parse(disabled.out)["enabled"], false);
  EXPECT_EQ(remote({"endpoint", "delete", "--endpoint", "intune"}, mrao_.api_token).code, 0);
  EXPECT_EQ(remote({"azure-account", "delete", "--name", "renamed"}, mrao_.api_token).code, 0);

  auto profile = remote(
      {"profile", "add", "--name", "remote-profile", "--cert-type", "client", "--terms", "30"},
      mrao_.api_token);
  ASSERT_EQ(profile.code, 0) << profile.err;
  EXPECT_EQ(nlohmann::json::parse(profile.out)["terms_days"], nlohmann::json::array({30}));
  EXPECT_EQ(remote({"ra", "add", "--name", "remote-ra"}, mrao_.api_token).code, 0);
  auto crl = remote({"crl", "--der"}, rao_.api_token);
  ASSERT_EQ(crl.code, 0) << crl.err;
  EXPECT_FALSE(nlohmann::json::parse(crl.out)["der_base64"].get<std::string>().empty());
  auto approved =
      remote({"request", "approve", "--endpoint", "general", "--transaction-id", "pending-acme-hr"},
             rao_.api_token);
  ASSERT_EQ(approved.code, 0) << approved.err;
  EXPECT_EQ(nlohmann::json::parse(approved.out)["status"], "valid");
  auto rejected = remote({"request", "reject", "--endpoint", "general", "--transaction-id",
                          "pending-acme-it", "--reason", "unknown"},
                         drao_.api_token);
  EXPECT_EQ(rejected.code, 0) << rejected.err;
  auto admin =
      remote({"admin", "create", "--name", "remote-admin", "--role", "rao", "--org", "Acme"},
             mrao_.api_token);
  ASSERT_EQ(admin.code, 0) << admin.err;
  EXPECT_FALSE(nlohmann::json::parse(admin.out)["password"].get<std::string>().empty());
}

TEST_F(CliRemoteTest, AConfigurationFileNamesServerAndToken) {
  const auto file = profile_file("server = \"" + std::string(kServer) + "\"\ntoken = \"" +
                                 drao_.api_token + "\"\n");
  auto remote_list = run({"org", "list", "--profile-file", file, "--json"});
  ASSERT_EQ(remote_list.code, 0) << remote_list.err;
  EXPECT_EQ(nlohmann::json::parse(remote_list.out).size(), 1u);  // the DRAO's one organization
  // --data means the local directory, whatever the file says.
  auto local_list = run({"org", "list", "--profile-file", file, "--data", dir_.string(), "--json"});
  ASSERT_EQ(local_list.code, 0) << local_list.err;
  EXPECT_EQ(nlohmann::json::parse(local_list.out).size(), 2u);
  // A token on the command line wins over the file's.
  auto overridden =
      run({"org", "list", "--profile-file", file, "--token", mrao_.api_token, "--json"});
  EXPECT_EQ(nlohmann::json::parse(overridden.out).size(), 2u);

  auto unknown = run({"org", "list", "--profile-file", profile_file("sever = \"x\"\n")});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("unknown key 'sever'"), std::string::npos);
  auto not_text = run({"org", "list", "--profile-file", profile_file("token = 5\n")});
  EXPECT_NE(not_text.err.find("token must be a string"), std::string::npos);
  auto broken = run({"org", "list", "--profile-file", profile_file("server = \n")});
  EXPECT_NE(broken.err.find("not valid TOML"), std::string::npos);
  auto missing = run({"org", "list", "--profile-file", (dir_ / "nope.toml").string()});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("no CLI configuration file"), std::string::npos);
}

TEST_F(CliRemoteTest, RemoteErrorsAreReportedLikeLocalOnes) {
  auto forbidden = remote({"org", "add", "--name", "X"}, rao_.api_token);
  EXPECT_EQ(forbidden.code, 1);
  EXPECT_EQ(forbidden.err, "error: only an MRAO may create organizations\n");
  auto hidden = remote({"endpoint", "show", "--endpoint", "other-only"}, drao_.api_token);
  EXPECT_EQ(hidden.err, "error: endpoint 'other-only' does not exist (field: endpoint)\n");
  auto unauthenticated = remote({"org", "list"}, "sct_wrong");
  EXPECT_EQ(unauthenticated.code, 1);
  EXPECT_EQ(unauthenticated.err, "error: invalid or expired credentials\n");
  auto local_only = remote({"ca", "show"}, mrao_.api_token);
  EXPECT_EQ(local_only.code, 1);
  EXPECT_NE(local_only.err.find("no remote mode"), std::string::npos);
}

// Over a real socket with libcurl. Authenticated calls need the listener to pass the
// Authorization header on (Request::authorization).
TEST_F(CliRemoteTest, WorksOverARealListener) {
  Server server({.listen = "127.0.0.1:0", .threads = 2}, router_);
  ASSERT_TRUE(server.start());
  // Stops the server however the test ends, so that the thread is always joined.
  struct Running {
    Server& server;
    std::thread thread{[this] { server.run(); }};
    ~Running() {
      server.stop();
      thread.join();
    }
  } running{server};
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());

  auto document = cli::curl_transport({.method = "GET", .url = base + "/api/v1/openapi.json"});
  ASSERT_TRUE(document);
  EXPECT_EQ(document->status, 200u);
  auto login = cli::curl_transport(
      {.method = "POST",
       .url = base + "/api/v1/sessions",
       .body = nlohmann::json{{"username", "rita"}, {"password", rao_.password}}.dump()});
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 201u) << login->body;
  const auto session = nlohmann::json::parse(login->body)["token"].get<std::string>();

  std::ostringstream out, err;
  cli::Console console{out, err};
  CLI::App app("scepter");
  cli::register_admin_commands(app, console);
  int code =
      cli::run(app, {"org", "list", "--server", base, "--token", session, "--json"}, console);
  EXPECT_EQ(code, 0) << err.str();
  auto listed = nlohmann::json::parse(out.str(), nullptr, false);
  ASSERT_TRUE(listed.is_array()) << out.str();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["name"], "Acme");
}

}  // namespace
}  // namespace scepter::http
