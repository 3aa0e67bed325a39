#include "app/config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/tls_identity.hpp"

namespace scepter::app {
namespace {

using namespace std::chrono_literals;

ServeConfig parsed(std::string_view toml) {
  ServeConfig config;
  auto applied = apply_config_text(toml, "/etc/scepter", config);
  EXPECT_TRUE(applied) << applied.error().key << ": " << applied.error().reason;
  return config;
}

ConfigError refused(std::string_view toml) {
  ServeConfig config;
  auto applied = apply_config_text(toml, "/etc/scepter", config);
  EXPECT_FALSE(applied) << toml;
  return applied ? ConfigError{} : applied.error();
}

TEST(Config, DefaultsWithoutAFile) {
  ServeConfig config;
  EXPECT_EQ(config.data_dir, "./scepter-data");
  EXPECT_EQ(config.http.listen, "127.0.0.1:8080");
  EXPECT_EQ(config.http.tls_listen, "127.0.0.1:8443");
  EXPECT_TRUE(config.tls_certificate.empty());
  EXPECT_FALSE(config.admin_on_plain_loopback);
  EXPECT_EQ(config.http.max_body_bytes, 256u * 1024);
  EXPECT_EQ(config.http.max_header_bytes, 16u * 1024);
  EXPECT_EQ(config.http.read_timeout, 30s);
  EXPECT_EQ(config.http.keepalive_timeout, 120s);
  EXPECT_EQ(config.http.shutdown_grace, 10s);
  EXPECT_EQ(config.http.threads, 0);
  EXPECT_EQ(config.http.remote_wait_threads, 0);
  EXPECT_EQ(config.log_format, log::Format::text);
  EXPECT_EQ(config.log_level, log::Level::info);
  EXPECT_EQ(parsed("").data_dir, "./scepter-data");
}

TEST(Config, EverySectionAndKeyIsRead) {
  auto config = parsed(R"(
public_url = "https://scep.example.com"
[paths]
data_dir = "data"
[http]
listen = ""
[https]
listen = "0.0.0.0:443"
certificate = "/tls/chain.pem"
private_key = "tls/key.pem"
admin_on_plain_loopback = true
[limits]
max_body_bytes = 1048576
max_header_bytes = 32768
read_timeout_seconds = 5
keepalive_timeout_seconds = 75
shutdown_grace_seconds = 0
threads = 4
remote_wait_threads = 32
[logging]
format = "json"
level = "debug"
)");
  EXPECT_EQ(config.public_url, "https://scep.example.com");
  EXPECT_EQ(config.data_dir, "/etc/scepter/data");  // relative to the file's directory
  EXPECT_EQ(config.http.listen, "");
  EXPECT_EQ(config.http.tls_listen, "0.0.0.0:443");
  EXPECT_EQ(config.tls_certificate, "/tls/chain.pem");
  EXPECT_EQ(config.tls_private_key, "/etc/scepter/tls/key.pem");
  EXPECT_TRUE(config.admin_on_plain_loopback);
  EXPECT_EQ(config.http.max_body_bytes, 1048576u);
  EXPECT_EQ(config.http.max_header_bytes, 32768u);
  EXPECT_EQ(config.http.read_timeout, 5s);
  EXPECT_EQ(config.http.keepalive_timeout, 75s);
  EXPECT_EQ(config.http.shutdown_grace, 0s);
  EXPECT_EQ(config.http.threads, 4);
  EXPECT_EQ(config.http.remote_wait_threads, 32);
  EXPECT_EQ(config.log_format, log::Format::json);
  EXPECT_EQ(config.log_level, log::Level::debug);
}

TEST(Config, UnknownKeysAndSectionsAreErrors) {
  auto key = refused("[limits]\nmax_body = 10\n");
  EXPECT_EQ(key.key, "limits.max_body");
  EXPECT_EQ(key.reason, "unknown key");
  auto top = refused("listen = \"127.0.0.1:1\"\n");
  EXPECT_EQ(top.key, "listen");
  auto section = refused("[tls]\ncertificate = \"x\"\n");
  EXPECT_EQ(section.key, "tls");
  EXPECT_EQ(section.reason, "unknown section");
}

TEST(Config, BadValuesNameTheKey) {
  auto type = refused("[limits]\nthreads = \"four\"\n");
  EXPECT_EQ(type.key, "limits.threads");
  EXPECT_EQ(type.reason, "expected an integer");
  auto range = refused("[limits]\nmax_body_bytes = 0\n");
  EXPECT_EQ(range.key, "limits.max_body_bytes");
  EXPECT_EQ(range.reason, "0 is out of range 1..1073741824");
  EXPECT_EQ(refused("[limits]\nread_timeout_seconds = 1.5\n").key, "limits.read_timeout_seconds");
  EXPECT_EQ(refused("[limits]\nkeepalive_timeout_seconds = 0\n").key,
            "limits.keepalive_timeout_seconds");
  EXPECT_EQ(refused("[limits]\nthreads = -1\n").key, "limits.threads");
  EXPECT_EQ(refused("[limits]\nremote_wait_threads = 1025\n").key, "limits.remote_wait_threads");
  auto choice = refused("[logging]\nformat = \"xml\"\n");
  EXPECT_EQ(choice.key, "logging.format");
  EXPECT_EQ(choice.reason, "'xml' is not one of text, json");
  EXPECT_EQ(refused("[logging]\nlevel = \"trace\"\n").key, "logging.level");
  EXPECT_EQ(refused("[https]\nadmin_on_plain_loopback = \"yes\"\n").key,
            "https.admin_on_plain_loopback");
  EXPECT_EQ(refused("[http]\nlisten = 8080\n").key, "http.listen");
  EXPECT_EQ(refused("public_url = \"ftp://x\"\n").key, "public_url");
  EXPECT_EQ(refused("http = 1\n").key, "http");
}

TEST(Config, Pkcs11SectionNamesTheModuleAndThePinVariable) {
  ServeConfig defaults;
  EXPECT_EQ(defaults.pkcs11.module_path, "");
  EXPECT_EQ(defaults.pkcs11.pin_env, "SCEPTER_PKCS11_PIN");
  auto config = parsed(R"(
[pkcs11]
module = "/usr/lib/softhsm/libsofthsm2.so"
pin_env = "HSM_PIN"
)");
  EXPECT_EQ(config.pkcs11.module_path, "/usr/lib/softhsm/libsofthsm2.so");
  EXPECT_EQ(config.pkcs11.pin_env, "HSM_PIN");
  EXPECT_EQ(refused("[pkcs11]\npin_env = \"\"\n").key, "pkcs11.pin_env");
  EXPECT_EQ(refused("[pkcs11]\npin = \"1234\"\n").key, "pkcs11.pin");
  EXPECT_EQ(refused("[pkcs11]\nmodule = 1\n").key, "pkcs11.module");
}

TEST(Config, IntuneSectionSetsTimeoutAndRevocationInterval) {
  ServeConfig defaults;
  EXPECT_EQ(defaults.intune.timeout, std::chrono::seconds(15));
  EXPECT_EQ(defaults.intune.revocation_interval, std::chrono::seconds(300));
  auto config = parsed("[intune]\ntimeout_seconds = 5\nrevocation_interval_seconds = 60\n");
  EXPECT_EQ(config.intune.timeout, std::chrono::seconds(5));
  EXPECT_EQ(config.intune.revocation_interval, std::chrono::seconds(60));
  EXPECT_EQ(refused("[intune]\nrevocation_interval_seconds = 1\n").key,
            "intune.revocation_interval_seconds");
  EXPECT_EQ(refused("[intune]\ntimeout_seconds = 0\n").key, "intune.timeout_seconds");
  EXPECT_EQ(refused("[intune]\npoll = true\n").key, "intune.poll");
}

TEST(Config, DatabaseDefaultsToTheDataDirectoryAndMigratesOnlyWhenAsked) {
  ServeConfig defaults;
  EXPECT_TRUE(defaults.database.empty());
  EXPECT_FALSE(defaults.migrate_on_start);
  auto config =
      parsed("database = \"postgresql://scepter@db.example/scepter\"\nmigrate_on_start = true\n");
  EXPECT_EQ(config.database, "postgresql://scepter@db.example/scepter");
  EXPECT_TRUE(config.migrate_on_start);
  EXPECT_EQ(refused("database = 5").key, "database");
  EXPECT_EQ(refused("migrate_on_start = \"yes\"").key, "migrate_on_start");
}

TEST(Config, SyntaxErrorsNameTheLine) {
  auto error = refused("[limits]\nthreads = = 4\n");
  EXPECT_EQ(error.key, "line 2");
  EXPECT_FALSE(error.reason.empty());
}

class ConfigFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("scepter-config-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(std::string_view text) {
    auto path = dir_ / "scepter.toml";
    std::ofstream(path) << text;
    return path.string();
  }

  std::filesystem::path dir_;
};

TEST_F(ConfigFile, FlagsOverrideTheFileAndTheFileOverridesDefaults) {
  ServeFlags flags;
  flags.config_file = write(
      "[http]\nlisten = \"127.0.0.1:9000\"\n[limits]\nthreads = 3\nremote_wait_threads = 5\n"
      "max_body_bytes = 1000\n[logging]\nlevel = \"warn\"\n");
  flags.threads = 7;
  flags.remote_wait_threads = 9;
  flags.log_format = "json";
  auto config = resolve_serve_config(flags);
  ASSERT_TRUE(config) << config.error();
  EXPECT_EQ(config->http.listen, "127.0.0.1:9000");      // file
  EXPECT_EQ(config->http.max_body_bytes, 1000u);         // file
  EXPECT_EQ(config->http.threads, 7);                    // flag over file
  EXPECT_EQ(config->http.remote_wait_threads, 9);        // flag over file
  EXPECT_EQ(config->log_format, log::Format::json);      // flag over default
  EXPECT_EQ(config->log_level, log::Level::warn);        // file
  EXPECT_EQ(config->http.tls_listen, "127.0.0.1:8443");  // default
}

TEST_F(ConfigFile, PostgresNodesDefaultToSeveralThreadsPerCore) {
  ServeFlags flags;
  flags.database = "postgresql://scepter@127.0.0.1/scepter";
  auto config = resolve_serve_config(flags);
  ASSERT_TRUE(config) << config.error();
  EXPECT_EQ(config->http.threads,
            kThreadsPerCoreWithPostgres *
                static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  flags.threads = 3;  // an explicit count stays
  EXPECT_EQ(resolve_serve_config(flags)->http.threads, 3);
  flags = {};  // SQLite keeps the server's default, one per core
  EXPECT_EQ(resolve_serve_config(flags)->http.threads, 0);
}

TEST_F(ConfigFile, ErrorLineNamesFileKeyAndReason) {
  ServeFlags flags;
  flags.config_file = write("[limits]\nthreads = 5000\n");
  auto config = resolve_serve_config(flags);
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error(),
            "config " + flags.config_file + ": key limits.threads: 5000 is out of range 0..1024");
}

TEST_F(ConfigFile, MissingFileIsAnError) {
  ServeFlags flags;
  flags.config_file = (dir_ / "absent.toml").string();
  auto config = resolve_serve_config(flags);
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error(), "config " + flags.config_file + ": cannot read the file");
}

TEST_F(ConfigFile, CertificateWithoutKeyIsAnError) {
  ServeFlags flags;
  flags.tls_certificate = "/tls/chain.pem";
  auto config = resolve_serve_config(flags);
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().find("go together"), std::string::npos);
}

TEST(ServerNames, ListenHostFirstThenPublicHostThenLoopback) {
  EXPECT_EQ(server_names("192.0.2.10:8443", "https://scep.example.com:8443/x"),
            (std::vector<std::string>{"192.0.2.10", "scep.example.com", "localhost", "127.0.0.1",
                                      "::1"}));
  EXPECT_EQ(server_names("127.0.0.1:8443", "http://127.0.0.1:8080"),
            (std::vector<std::string>{"127.0.0.1", "localhost", "::1"}));
  EXPECT_EQ(server_names("[::1]:8443", "http://[2001:db8::1]:8080"),
            (std::vector<std::string>{"::1", "2001:db8::1", "localhost", "127.0.0.1"}));
  auto wildcard = server_names("0.0.0.0:8443", "");
  EXPECT_NE(wildcard.front(), "0.0.0.0");
  EXPECT_EQ(wildcard.back(), "::1");
}

}  // namespace
}  // namespace scepter::app
