#pragma once
// Configuration of `scepter serve`: built-in defaults, then a TOML file (--config), then
// command-line flags. README.md ("Configuration") lists every key with its default.

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/log.hpp"
#include "crypto/pkcs11_key.hpp"
#include "http/server.hpp"

namespace scepter::app {

// [intune]: how the server talks to Entra ID, Graph and Intune for Intune endpoints.
struct IntuneConfig {
  std::chrono::seconds timeout{15};               // each call, connection included
  std::chrono::seconds revocation_interval{300};  // between polls for revocation requests
};

struct ServeConfig {
  ServeConfig() { http.tls_listen = "127.0.0.1:8443"; }

  std::string data_dir = "./scepter-data";
  // Empty: DATA/scepter.db. Else a SQLite path or a postgresql:// URI (README, "Several nodes").
  std::string database;
  // PostgreSQL: apply pending migrations at start instead of refusing an older schema.
  bool migrate_on_start = false;
  std::string public_url;       // empty: keep the stored one, or derive it from http.listen
  std::string tls_certificate;  // PEM chain file; empty with tls_private_key: generated
  std::string tls_private_key;  // PEM key file (unencrypted)
  bool admin_on_plain_loopback = false;  // /api and /console over plain HTTP from 127.0.0.1/::1
  log::Format log_format = log::Format::text;
  log::Level log_level = log::Level::info;
  http::ServerOptions http;  // listen addresses, limits and threads; `http.tls` is filled at start
  IntuneConfig intune;
  crypto::Pkcs11Settings pkcs11;  // [pkcs11]: module and PIN variable for keys in a token
};

// A key (section.name as in the file, or the flag) and what is wrong with its value.
struct ConfigError {
  std::string key;
  std::string reason;
};
using ConfigStatus = std::expected<void, ConfigError>;

// Bounds shared by the file and the flags.
struct Bounds {
  std::int64_t min;
  std::int64_t max;
};
inline constexpr Bounds kMaxBodyBounds{1, 1LL << 30};
inline constexpr Bounds kMaxHeaderBounds{1024, 1LL << 20};
inline constexpr Bounds kTimeoutBounds{1, 3600};
inline constexpr Bounds kGraceBounds{0, 3600};
inline constexpr Bounds kThreadBounds{0, 1024};
// The default (threads = 0) is one connection thread per core, or this many with PostgreSQL.
inline constexpr int kThreadsPerCoreWithPostgres = 4;
inline constexpr Bounds kIntuneTimeoutBounds{1, 300};
inline constexpr Bounds kRevocationIntervalBounds{5, 86400};

// Reads the TOML document over `config`. Unknown sections and keys, wrong types and values out
// of range are errors. Relative paths are resolved against `base_dir` (the file's directory).
ConfigStatus apply_config_text(std::string_view toml, const std::filesystem::path& base_dir,
                               ServeConfig& config);
ConfigStatus apply_config_file(const std::filesystem::path& file, ServeConfig& config);

// Command-line flags: each one set overrides the file.
struct ServeFlags {
  std::string config_file;
  std::optional<std::string> data_dir;
  std::optional<std::string> database;
  std::optional<std::string> public_url;
  std::optional<std::string> http_listen;
  std::optional<std::string> https_listen;
  std::optional<std::string> tls_certificate;
  std::optional<std::string> tls_private_key;
  std::optional<int> threads;
  std::optional<int> remote_wait_threads;
  std::optional<std::size_t> max_body_bytes;
  std::optional<std::string> log_format;
  std::optional<std::string> log_level;
};

// Defaults, then flags.config_file if given, then the flags. The error line for the operator:
// "config FILE: key x.y: reason".
std::expected<ServeConfig, std::string> resolve_serve_config(const ServeFlags& flags);

std::optional<log::Format> parse_log_format(std::string_view text);
std::optional<log::Level> parse_log_level(std::string_view text);

}  // namespace scepter::app
