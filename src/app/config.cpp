#include "app/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "core/error.hpp"
#include "store/open_store.hpp"

namespace scepter::app {
namespace {

std::unexpected<ConfigError> bad(std::string key, std::string reason) {
  return std::unexpected(ConfigError{std::move(key), std::move(reason)});
}

// One table of the file: typed reads that remember which keys were understood, so that
// finish() can refuse the rest (a misspelt key must not silently keep its default).
class TableReader {
 public:
  TableReader(const toml::table& table, std::string section)
      : table_(table), section_(std::move(section)) {}

  std::string key_name(std::string_view key) const {
    return section_.empty() ? std::string(key) : section_ + "." + std::string(key);
  }

  ConfigStatus text(std::string_view key, std::string& out) {
    auto* node = find(key);
    if (node == nullptr) return {};
    auto value = node->value<std::string>();
    if (!node->is_string() || !value) return bad(key_name(key), "expected a string");
    out = *value;
    return {};
  }

  ConfigStatus path(std::string_view key, const std::filesystem::path& base_dir, std::string& out) {
    std::string value;
    if (find(key) == nullptr) return {};
    if (auto read = text(key, value); !read) return read;
    if (value.empty()) {
      out.clear();
    } else {
      std::filesystem::path path(value);
      out = (path.is_relative() ? base_dir / path : path).lexically_normal().string();
    }
    return {};
  }

  template <class Integer>
  ConfigStatus integer(std::string_view key, Bounds bounds, Integer& out) {
    auto* node = find(key);
    if (node == nullptr) return {};
    if (!node->is_integer()) return bad(key_name(key), "expected an integer");
    auto value = node->as_integer()->get();
    if (value < bounds.min || value > bounds.max) {
      return bad(key_name(key),
                 fmt::format("{} is out of range {}..{}", value, bounds.min, bounds.max));
    }
    out = static_cast<Integer>(value);
    return {};
  }

  ConfigStatus seconds(std::string_view key, Bounds bounds, std::chrono::seconds& out) {
    auto count = out.count();
    if (auto read = integer(key, bounds, count); !read) return read;
    out = std::chrono::seconds(count);
    return {};
  }

  ConfigStatus boolean(std::string_view key, bool& out) {
    auto* node = find(key);
    if (node == nullptr) return {};
    if (!node->is_boolean()) return bad(key_name(key), "expected true or false");
    out = node->as_boolean()->get();
    return {};
  }

  template <class T>
  ConfigStatus choice(std::string_view key, std::optional<T> (*parse)(std::string_view),
                      std::string_view allowed, T& out) {
    std::string value;
    if (find(key) == nullptr) return {};
    if (auto read = text(key, value); !read) return read;
    auto parsed = parse(value);
    if (!parsed) return bad(key_name(key), fmt::format("'{}' is not one of {}", value, allowed));
    out = *parsed;
    return {};
  }

  // A nested table, marked as understood.
  const toml::table* section(std::string_view key, ConfigStatus& status) {
    auto* node = find(key);
    if (node == nullptr) return nullptr;
    if (!node->is_table()) {
      status = bad(key_name(key), "expected a [section]");
      return nullptr;
    }
    return node->as_table();
  }

  ConfigStatus finish() const {
    for (const auto& [key, node] : table_) {
      if (!known_.contains(std::string(key.str()))) {
        return bad(key_name(key.str()), node.is_table() ? "unknown section" : "unknown key");
      }
    }
    return {};
  }

 private:
  const toml::node* find(std::string_view key) {
    known_.insert(std::string(key));
    return table_.get(key);
  }

  const toml::table& table_;
  std::string section_;
  std::set<std::string> known_;
};

ConfigStatus read_paths(const toml::table& table, const std::filesystem::path& base,
                        ServeConfig& config) {
  TableReader reader(table, "paths");
  SCEPTER_CHECK(reader.path("data_dir", base, config.data_dir));
  return reader.finish();
}

ConfigStatus read_http(const toml::table& table, const std::filesystem::path&,
                       ServeConfig& config) {
  TableReader reader(table, "http");
  SCEPTER_CHECK(reader.text("listen", config.http.listen));
  return reader.finish();
}

ConfigStatus read_https(const toml::table& table, const std::filesystem::path& base,
                        ServeConfig& config) {
  TableReader reader(table, "https");
  SCEPTER_CHECK(reader.text("listen", config.http.tls_listen));
  SCEPTER_CHECK(reader.path("certificate", base, config.tls_certificate));
  SCEPTER_CHECK(reader.path("private_key", base, config.tls_private_key));
  SCEPTER_CHECK(reader.boolean("admin_on_plain_loopback", config.admin_on_plain_loopback));
  return reader.finish();
}

ConfigStatus read_limits(const toml::table& table, const std::filesystem::path&,
                         ServeConfig& config) {
  TableReader reader(table, "limits");
  auto& http = config.http;
  SCEPTER_CHECK(reader.integer("max_body_bytes", kMaxBodyBounds, http.max_body_bytes));
  SCEPTER_CHECK(reader.integer("max_header_bytes", kMaxHeaderBounds, http.max_header_bytes));
  SCEPTER_CHECK(reader.seconds("read_timeout_seconds", kTimeoutBounds, http.read_timeout));
  SCEPTER_CHECK(
      reader.seconds("keepalive_timeout_seconds", kTimeoutBounds, http.keepalive_timeout));
  SCEPTER_CHECK(reader.seconds("shutdown_grace_seconds", kGraceBounds, http.shutdown_grace));
  SCEPTER_CHECK(reader.integer("threads", kThreadBounds, http.threads));
  SCEPTER_CHECK(reader.integer("remote_wait_threads", kThreadBounds, http.remote_wait_threads));
  return reader.finish();
}

ConfigStatus read_logging(const toml::table& table, const std::filesystem::path&,
                          ServeConfig& config) {
  TableReader reader(table, "logging");
  SCEPTER_CHECK(reader.choice("format", &parse_log_format, "text, json", config.log_format));
  SCEPTER_CHECK(
      reader.choice("level", &parse_log_level, "debug, info, warn, error", config.log_level));
  return reader.finish();
}

ConfigStatus read_pkcs11(const toml::table& table, const std::filesystem::path& base,
                         ServeConfig& config) {
  TableReader reader(table, "pkcs11");
  SCEPTER_CHECK(reader.path("module", base, config.pkcs11.module_path));
  SCEPTER_CHECK(reader.text("pin_env", config.pkcs11.pin_env));
  if (config.pkcs11.pin_env.empty()) return bad("pkcs11.pin_env", "must name a variable");
  return reader.finish();
}

ConfigStatus read_intune(const toml::table& table, const std::filesystem::path&,
                         ServeConfig& config) {
  TableReader reader(table, "intune");
  SCEPTER_CHECK(reader.seconds("timeout_seconds", kIntuneTimeoutBounds, config.intune.timeout));
  SCEPTER_CHECK(reader.seconds("revocation_interval_seconds", kRevocationIntervalBounds,
                               config.intune.revocation_interval));
  return reader.finish();
}

using SectionReader = ConfigStatus (*)(const toml::table&, const std::filesystem::path&,
                                       ServeConfig&);

ConfigStatus read_root(const toml::table& root, const std::filesystem::path& base,
                       ServeConfig& config) {
  TableReader reader(root, "");
  SCEPTER_CHECK(reader.text("public_url", config.public_url));
  SCEPTER_CHECK(reader.text("database", config.database));
  SCEPTER_CHECK(reader.boolean("migrate_on_start", config.migrate_on_start));
  if (!config.public_url.empty() && !config.public_url.starts_with("http://") &&
      !config.public_url.starts_with("https://")) {
    return bad("public_url", "must start with http:// or https://");
  }
  const std::pair<std::string_view, SectionReader> sections[] = {
      {"paths", &read_paths},   {"http", &read_http},       {"https", &read_https},
      {"limits", &read_limits}, {"logging", &read_logging}, {"pkcs11", &read_pkcs11},
      {"intune", &read_intune},
  };
  for (const auto& [name, read] : sections) {
    ConfigStatus status;
    if (const auto* table = reader.section(name, status)) {
      SCEPTER_CHECK(read(*table, base, config));
    }
    SCEPTER_CHECK(status);
  }
  return reader.finish();
}

}  // namespace

std::optional<log::Format> parse_log_format(std::string_view text) {
  if (text == "text") return log::Format::text;
  if (text == "json") return log::Format::json;
  return std::nullopt;
}

std::optional<log::Level> parse_log_level(std::string_view text) {
  if (text == "debug") return log::Level::debug;
  if (text == "info") return log::Level::info;
  if (text == "warn") return log::Level::warn;
  if (text == "error") return log::Level::error;
  return std::nullopt;
}

ConfigStatus apply_config_text(std::string_view toml, const std::filesystem::path& base_dir,
                               ServeConfig& config) {
  toml::table root;
  try {
    root = toml::parse(toml);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return bad(fmt::format("line {}", where.line), std::string(e.description()));
  }
  return read_root(root, base_dir, config);
}

ConfigStatus apply_config_file(const std::filesystem::path& file, ServeConfig& config) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) return bad("", "cannot read the file");
  auto base = std::filesystem::absolute(file).parent_path();
  return apply_config_text(text.str(), base, config);
}

std::expected<ServeConfig, std::string> resolve_serve_config(const ServeFlags& flags) {
  ServeConfig config;
  if (!flags.config_file.empty()) {
    if (auto applied = apply_config_file(flags.config_file, config); !applied) {
      const auto& error = applied.error();
      if (error.key.empty())
        return std::unexpected(fmt::format("config {}: {}", flags.config_file, error.reason));
      return std::unexpected(
          fmt::format("config {}: key {}: {}", flags.config_file, error.key, error.reason));
    }
  }
  auto override_with = [](const auto& flag, auto& value) {
    if (flag) value = *flag;
  };
  override_with(flags.data_dir, config.data_dir);
  override_with(flags.database, config.database);
  override_with(flags.public_url, config.public_url);
  override_with(flags.http_listen, config.http.listen);
  override_with(flags.https_listen, config.http.tls_listen);
  override_with(flags.tls_certificate, config.tls_certificate);
  override_with(flags.tls_private_key, config.tls_private_key);
  override_with(flags.threads, config.http.threads);
  override_with(flags.remote_wait_threads, config.http.remote_wait_threads);
  override_with(flags.max_body_bytes, config.http.max_body_bytes);
  // The flags' own checks let only valid names through.
  if (flags.log_format) config.log_format = *parse_log_format(*flags.log_format);
  if (flags.log_level) config.log_level = *parse_log_level(*flags.log_level);
  // Handlers wait out each PostgreSQL round trip and commit, time in which their core could serve
  // another request: with more threads than cores, the cores stay busy.
  if (config.http.threads == 0 && store::is_postgres_location(config.database)) {
    config.http.threads = kThreadsPerCoreWithPostgres *
                          static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  if (config.tls_certificate.empty() != config.tls_private_key.empty()) {
    return std::unexpected(
        std::string("https.certificate and https.private_key (--tls-cert, --tls-key) go together"));
  }
  return config;
}

}  // namespace scepter::app
