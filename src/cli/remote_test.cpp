#include "cli/remote.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace scepter::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// Records what would have been sent and answers like an empty list route.
struct RecordingTransport {
  std::vector<HttpExchange> sent;
  HttpTransport transport() {
    return [this](const HttpExchange& exchange) -> Result<HttpAnswer> {
      sent.push_back(exchange);
      return HttpAnswer{200, "application/json", R"({"items": []})"};
    };
  }
};

TEST(ApiClientTest, RefusesPlainHttpToAnotherHostBeforeSendingAnything) {
  for (const std::string server : {
           "http://scepter.example", "http://scepter.example:8080/", "HTTP://scepter.example",
           "http://10.0.0.1", "http://[2001:db8::1]:8080", "http://[::2]",
           "http://127.0.0.1.evil.example", "http://localhost.evil.example",
           "http://127.1",  // some resolvers say loopback; not literal enough to trust
       }) {
    RecordingTransport recorder;
    auto client = ApiClient::connect(server, "sct_token", recorder.transport());
    ASSERT_FALSE(client) << server;
    EXPECT_EQ(client.error().category, ErrorCategory::bad_request);
    EXPECT_THAT(client.error().client_text, HasSubstr("refusing to send the token over plain"));
    EXPECT_THAT(client.error().client_text, HasSubstr("use https://"));
    EXPECT_THAT(client.error().client_text, HasSubstr("loopback"));
    EXPECT_TRUE(recorder.sent.empty());
  }
}

TEST(ApiClientTest, AllowsPlainHttpToLoopbackAndHttpsAnywhere) {
  for (const std::string server : {
           "http://127.0.0.1:8080",
           "http://127.5.6.7",
           "http://[::1]:8443",
           "http://[0:0:0:0:0:0:0:1]",
           "http://localhost",
           "http://LocalHost:8080/",
           "https://scepter.example:8443",
           "https://10.0.0.1",
       }) {
    RecordingTransport recorder;
    auto client = ApiClient::connect(server, "sct_token", recorder.transport());
    ASSERT_TRUE(client) << server << ": " << client.error().client_text;
    ASSERT_TRUE(client->get("/organizations")) << server;
    ASSERT_EQ(recorder.sent.size(), 1u);
    auto base = server;
    while (base.ends_with('/')) base.pop_back();
    EXPECT_EQ(recorder.sent[0].url, base + "/api/v1/organizations");
    EXPECT_EQ(recorder.sent[0].authorization, "Bearer sct_token");
  }
}

TEST(ApiClientTest, ExplainsBadServerUrls) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "no server URL given"},
      {"scepter.example:8443", "has no scheme: write it as https://HOST[:PORT]"},
      {"ftp://scepter.example", "must start with https:// (not ftp://)"},
      {"https://", "needs a host"},
      {"https://:8443", "needs a host"},
      {"https://[::1", "needs a host"},
      {"https://scepter.example:port", "numeric port"},
      {"https://scepter.example:", "numeric port"},
      {"https://scepter example", "spaces or control characters"},
      {"http://127.0.0.1@evil.example", "must not hold a user name or password"},
      {"https://admin:hunter2@scepter.example", "must not hold a user name or password"},
  };
  for (const auto& [server, message] : cases) {
    RecordingTransport recorder;
    auto client = ApiClient::connect(server, "sct_token", recorder.transport());
    ASSERT_FALSE(client) << server;
    EXPECT_THAT(client.error().client_text, HasSubstr(message)) << server;
    EXPECT_THAT(client.error().client_text, Not(HasSubstr("hunter2")));
    EXPECT_TRUE(recorder.sent.empty());
  }
}

TEST(ApiClientTest, ExplainsAMissingOrMangledToken) {
  RecordingTransport recorder;
  auto empty = ApiClient::connect("https://scepter.example", "", recorder.transport());
  ASSERT_FALSE(empty);
  EXPECT_THAT(empty.error().client_text, HasSubstr("no token for the server: set SCEPTER_TOKEN"));
  for (const std::string token : {"sct_a b", "sct_token\n", "sct_token\r\nX-Injected: 1"}) {
    auto mangled = ApiClient::connect("https://scepter.example", token, recorder.transport());
    ASSERT_FALSE(mangled);
    EXPECT_THAT(mangled.error().client_text, HasSubstr("spaces or control characters"));
  }
  EXPECT_TRUE(recorder.sent.empty());
}

// The whole command line, with the environment and the configuration file under the test's
// control: XDG_CONFIG_HOME points at an empty directory and SCEPTER_TOKEN is unset.
class RemoteCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "scepter-remote-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    save("XDG_CONFIG_HOME", dir_.string());
    save("SCEPTER_TOKEN", std::nullopt);
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
    fs::remove_all(dir_);
  }

  void save(const std::string& name, const std::optional<std::string>& value) {
    const char* old = std::getenv(name.c_str());
    saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    if (value) {
      ::setenv(name.c_str(), value->c_str(), 1);
    } else {
      ::unsetenv(name.c_str());
    }
  }

  // The default cli.toml, private to its owner.
  void write_profile(const std::string& text) {
    const auto path = dir_ / "scepter" / "cli.toml";
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
  }

  int scepter(const std::vector<std::string>& args) {
    std::ostringstream out;
    err_.str("");
    Console console{out, err_};
    console.transport = recorder_.transport();
    CLI::App app("scepter", "scepter");
    register_admin_commands(app, console);
    return run(app, args, console);
  }
  std::string sent_token() const {
    return recorder_.sent.empty() ? "(nothing sent)" : recorder_.sent.back().authorization;
  }

  fs::path dir_;
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
  RecordingTransport recorder_;
  std::ostringstream err_;
};

TEST_F(RemoteCommandTest, PlainHttpToAnotherHostEndsTheCommandUnsent) {
  EXPECT_EQ(scepter({"org", "list", "--server", "http://scepter.example", "--token", "sct_t"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("error: refusing to send the token over plain http://"));
  EXPECT_TRUE(recorder_.sent.empty());

  EXPECT_EQ(scepter({"org", "list", "--server", "http://127.0.0.1:8080", "--token", "sct_t"}), 0)
      << err_.str();
  EXPECT_EQ(recorder_.sent.size(), 1u);
}

TEST_F(RemoteCommandTest, BadServerOrTokenIsAClearError) {
  EXPECT_EQ(scepter({"org", "list", "--server", "scepter.example", "--token", "sct_t"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("error: the server URL has no scheme"));
  EXPECT_EQ(scepter({"org", "list", "--server", "https://scepter.example", "--token", ""}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("error: no token for the server"));
  EXPECT_EQ(scepter({"org", "list", "--server", "https://scepter.example"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("error: no token for the server"));
  EXPECT_TRUE(recorder_.sent.empty());
}

TEST_F(RemoteCommandTest, TokenComesFromCommandLineThenEnvironmentThenFile) {
  write_profile("server = \"https://scepter.example\"\ntoken = \"sct_file\"\n");
  EXPECT_EQ(scepter({"org", "list"}), 0) << err_.str();
  EXPECT_EQ(sent_token(), "Bearer sct_file");
  EXPECT_EQ(recorder_.sent.back().url,
            "https://scepter.example/api/v1/organizations?limit=1000&offset=0");

  save("SCEPTER_TOKEN", "sct_environment");
  EXPECT_EQ(scepter({"org", "list"}), 0) << err_.str();
  EXPECT_EQ(sent_token(), "Bearer sct_environment");
  EXPECT_EQ(scepter({"org", "list", "--server", "https://other.example"}), 0) << err_.str();
  EXPECT_EQ(sent_token(), "Bearer sct_environment");

  EXPECT_EQ(scepter({"org", "list", "--token", "sct_command_line"}), 0) << err_.str();
  EXPECT_EQ(sent_token(), "Bearer sct_command_line");
}

TEST_F(RemoteCommandTest, TheFilesTokenGoesOnlyToTheFilesServer) {
  write_profile("server = \"https://scepter.example/\"\ntoken = \"sct_file\"\n");
  EXPECT_EQ(scepter({"org", "list", "--server", "https://scepter.example"}), 0) << err_.str();
  EXPECT_EQ(sent_token(), "Bearer sct_file");
  recorder_.sent.clear();
  EXPECT_EQ(scepter({"org", "list", "--server", "https://elsewhere.example"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr("no token for the server"));
  EXPECT_TRUE(recorder_.sent.empty());
}

TEST_F(RemoteCommandTest, AFileOthersCanReadIsRefusedBeforeAnyRequest) {
  write_profile("server = \"https://scepter.example\"\ntoken = \"sct_file\"\n");
  const auto path = dir_ / "scepter" / "cli.toml";
  fs::permissions(path, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);
  EXPECT_EQ(scepter({"org", "list"}), 1);
  EXPECT_THAT(err_.str(), HasSubstr(path.string() + " has mode 0644"));
  EXPECT_THAT(err_.str(), HasSubstr("chmod 600"));
  EXPECT_TRUE(recorder_.sent.empty());
}

TEST_F(RemoteCommandTest, HelpNamesTheEnvironmentVariable) {
  std::ostringstream out, err;
  Console console{out, err};
  CLI::App app("scepter", "scepter");
  register_admin_commands(app, console);
  EXPECT_EQ(run(app, {"org", "list", "--help"}, console), 0);
  EXPECT_THAT(out.str(), HasSubstr("SCEPTER_TOKEN"));
  EXPECT_THAT(out.str(), HasSubstr("http:// only to 127.0.0.1"));
}

}  // namespace
}  // namespace scepter::cli
