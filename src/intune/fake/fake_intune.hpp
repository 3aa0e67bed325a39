#pragma once
// Test helper: runs fake_intune.py (a loopback HTTPS stand-in for Entra ID, Graph discovery and
// Intune) for a test suite, and drives its behaviour through its control endpoints.

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "crypto/random.hpp"
#include "intune/https_client.hpp"
#include "store/records.hpp"

extern char** environ;

namespace scepter::intune::testing {

class FakeIntune {
 public:
  FakeIntune() {
    dir_ = std::filesystem::temp_directory_path() /
           ("scepter-fake-intune-" + hex_encode(crypto::random_bytes(6)));
    std::filesystem::create_directories(dir_);
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
    std::string script = SCEPTER_FAKE_INTUNE;
    std::string dir = dir_.string();
    char* argv[] = {const_cast<char*>("python3"), script.data(), dir.data(), nullptr};
    if (posix_spawnp(&pid_, "python3", &actions, nullptr, argv, environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_ends[1]);
    FILE* out = fdopen(pipe_ends[0], "r");
    if (out && pid_ > 0 && std::fscanf(out, "%d", &port_) != 1) port_ = 0;
    if (out) std::fclose(out);
    std::ifstream cert(dir_ / "cert.pem");
    std::ostringstream text;
    text << cert.rdbuf();
    trust_pem_ = text.str();
  }
  ~FakeIntune() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    std::filesystem::remove_all(dir_);
  }
  FakeIntune(const FakeIntune&) = delete;
  FakeIntune& operator=(const FakeIntune&) = delete;

  bool running() const { return port_ > 0 && !trust_pem_.empty(); }
  std::string base_url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  const std::string& trust_pem() const { return trust_pem_; }
  static constexpr const char* kSecret = "fake-secret";

  // An account that reaches the fake through the custom-cloud settings.
  store::AzureAccount account(store::Id id = 1) const {
    return {.id = id,
            .name = "fake",
            .environment = "custom",
            .tenant_id = "fake-tenant",
            .client_id = "fake-client",
            .authority_url = base_url(),
            .graph_url = base_url() + "/graph/",
            .intune_url = "https://api.manage.microsoft.com/",
            .trust_ca_pem = trust_pem_};
  }

  void reset() { control("/_fake/reset", nlohmann::json::object()); }
  void configure(const nlohmann::json& settings) { control("/_fake/config", settings); }
  std::string new_challenge() { return control("/_fake/challenge", {})["challenge"]; }

  // Requests the fake saw, oldest first, optionally only one action.
  std::vector<nlohmann::json> calls(const std::string& action = {}) {
    std::vector<nlohmann::json> matching;
    auto seen = state();
    for (const auto& call : seen["log"]) {
      if (action.empty() || call["action"] == action) matching.push_back(call);
    }
    return matching;
  }
  int token_requests() { return state()["token_requests"]; }

 private:
  nlohmann::json state() {
    auto response = client().send({.url = base_url() + "/_fake/log"});
    EXPECT_TRUE(response && response->ok());
    return response ? nlohmann::json::parse(response->body) : nlohmann::json::object();
  }
  nlohmann::json control(const std::string& path, const nlohmann::json& body) {
    auto response = client().send({.method = "POST",
                                   .url = base_url() + path,
                                   .headers = {{"Content-Type", "application/json"}},
                                   .body = body.dump()});
    EXPECT_TRUE(response && response->ok()) << path;
    return response ? nlohmann::json::parse(response->body) : nlohmann::json::object();
  }
  HttpsClient client() const { return HttpsClient({.extra_trust_pem = trust_pem_}); }

  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string trust_pem_;
};

}  // namespace scepter::intune::testing
