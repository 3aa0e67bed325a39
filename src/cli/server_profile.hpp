#pragma once
// The CLI's configuration file: which server remote mode talks to, with which token and which
// CA bundle, so that they need not be typed with every command (nor the token left in shell
// history). TOML, by default $XDG_CONFIG_HOME/scepter/cli.toml or ~/.config/scepter/cli.toml:
//
//   server = "https://scepter.example:8443"
//   token = "sct_..."
//   ca_bundle = "/etc/scepter/admin-ca.pem"   # relative paths are relative to the file
//
// A command uses the file's server only when it names no --data directory: --data always means
// the local data directory, and --server, --token (or SCEPTER_TOKEN) and --ca-bundle override the
// file. The file's token and CA bundle belong to its server: they are not used with another
// server named by --server. The file must be private to its owner (mode 0600, as ssh wants of
// keys); the CLI only reads it.

#include <filesystem>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace scepter::cli {

struct ServerProfile {
  std::string server{};
  std::string token{};
  std::string ca_bundle{};
};

// Where the file is looked for when --profile-file is not given; none without HOME.
std::optional<std::filesystem::path> default_profile_path();

// A missing file is an empty profile when `required` is false (the default location), and a
// not_found error when it was named explicitly. bad_request for a file that group or others may
// access (the message names its mode and `chmod 600`), for TOML that does not parse or a key
// that is not a string; unknown keys are refused, so that a typo does not go unnoticed.
Result<ServerProfile> load_server_profile(const std::filesystem::path& path, bool required);

}  // namespace scepter::cli
