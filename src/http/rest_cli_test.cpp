// The CLI's remote mode against the REST API: in-process for output equality with local mode,
// and once over a real listener with libcurl.
#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "cli/cli.hpp"
#include "http/rest_test_fixture.hpp"
#include "http/server.hpp"

namespace scepter::http {
namespace {

using testing::RestFixture;

constexpr std::string_view kServer = "http://scepter.test";

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
    cli::Console console{out, err};
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
           {"cert", "show", "--serial", serials_.at("acme-hr")}}) {
    auto here = local(verb);
    auto there = remote(verb, mrao_.api_token);
    SCOPED_TRACE(verb[0] + " " + verb[1]);
    ASSERT_EQ(here.code, 0) << here.err;
    ASSERT_EQ(there.code, 0) << there.err;
    EXPECT_EQ(here.out, there.out);
  }
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
