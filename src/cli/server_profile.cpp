#include "cli/server_profile.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <system_error>

namespace scepter::cli {

std::optional<std::filesystem::path> default_profile_path() {
  const char* config_home = std::getenv("XDG_CONFIG_HOME");
  if (config_home != nullptr && *config_home != '\0') {
    return std::filesystem::path(config_home) / "scepter" / "cli.toml";
  }
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return std::nullopt;
  return std::filesystem::path(home) / ".config" / "scepter" / "cli.toml";
}

Result<ServerProfile> load_server_profile(const std::filesystem::path& path, bool required) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (!required) return ServerProfile{};
    return fail(ErrorCategory::not_found, "no CLI configuration file at " + path.string());
  }
  toml::table table;
  try {
    table = toml::parse_file(path.string());
  } catch (const toml::parse_error& error) {
    return fail(ErrorCategory::bad_request,
                path.string() + " is not valid TOML: " + std::string(error.description()));
  }
  ServerProfile profile;
  for (const auto& [key, value] : table) {
    const auto* text = value.as_string();
    std::string* target = key == "server"      ? &profile.server
                          : key == "token"     ? &profile.token
                          : key == "ca_bundle" ? &profile.ca_bundle
                                               : nullptr;
    if (target == nullptr) {
      return fail(ErrorCategory::bad_request, path.string() + ": unknown key '" +
                                                  std::string(key.str()) +
                                                  "' (server, token and ca_bundle are known)");
    }
    if (text == nullptr) {
      return fail(ErrorCategory::bad_request,
                  path.string() + ": " + std::string(key.str()) + " must be a string");
    }
    *target = text->get();
  }
  if (!profile.ca_bundle.empty() && std::filesystem::path(profile.ca_bundle).is_relative()) {
    profile.ca_bundle = (path.parent_path() / profile.ca_bundle).string();
  }
  return profile;
}

}  // namespace scepter::cli
