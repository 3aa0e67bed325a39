#include "cli/server_profile.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <system_error>

namespace scepter::cli {
namespace {

// Closes the descriptor however reading ends; a read-only descriptor has nothing to flush.
class ReadOnlyFile {
 public:
  explicit ReadOnlyFile(int fd) : fd_(fd) {}
  ReadOnlyFile(const ReadOnlyFile&) = delete;
  ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;
  ~ReadOnlyFile() { ::close(fd_); }
  int fd() const { return fd_; }

 private:
  int fd_;
};

std::string octal_mode(mode_t mode) {
  char digits[8];
  const auto end = std::to_chars(digits, digits + sizeof digits, mode & 07777, 8).ptr;
  const std::string text(digits, end);
  return std::string(text.size() < 4 ? 4 - text.size() : 0, '0') + text;
}

Error read_error(const std::filesystem::path& path) {
  return make_error(ErrorCategory::bad_request,
                    "cannot read " + path.string() + ": " + std::generic_category().message(errno));
}

// The file holds a token: like ssh with a private key, refuse one that other users can read or
// change rather than go on using a secret that may no longer be one. The mode is checked on the
// descriptor that is then read, so the file cannot be swapped in between. nullopt: no file.
Result<std::optional<std::string>> read_private_text(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    return fail(read_error(path));
  }
  const ReadOnlyFile file(fd);
  struct stat status {};
  if (::fstat(file.fd(), &status) != 0) return fail(read_error(path));
  if (!S_ISREG(status.st_mode)) {
    return fail(ErrorCategory::bad_request, path.string() + " is not a regular file");
  }
  if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return fail(ErrorCategory::bad_request,
                path.string() + " has mode " + octal_mode(status.st_mode) +
                    ": group or others can access the token it holds; make it private with "
                    "`chmod 600 " +
                    path.string() + "` (and replace the token if others may have read it)");
  }
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t count = ::read(file.fd(), buffer, sizeof buffer);
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) return fail(read_error(path));
    if (count == 0) return text;
    text.append(buffer, static_cast<std::size_t>(count));
  }
}

}  // namespace

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
  SCEPTER_TRY(const auto text, read_private_text(path));
  if (!text) {
    if (!required) return ServerProfile{};
    return fail(ErrorCategory::not_found, "no CLI configuration file at " + path.string());
  }
  toml::table table;
  try {
    table = toml::parse(*text, path.string());
  } catch (const toml::parse_error& error) {
    return fail(ErrorCategory::bad_request,
                path.string() + " is not valid TOML: " + std::string(error.description()));
  }
  ServerProfile profile;
  for (const auto& [key, value] : table) {
    const auto* text_value = value.as_string();
    std::string* target = key == "server"      ? &profile.server
                          : key == "token"     ? &profile.token
                          : key == "ca_bundle" ? &profile.ca_bundle
                                               : nullptr;
    if (target == nullptr) {
      return fail(ErrorCategory::bad_request, path.string() + ": unknown key '" +
                                                  std::string(key.str()) +
                                                  "' (server, token and ca_bundle are known)");
    }
    if (text_value == nullptr) {
      return fail(ErrorCategory::bad_request,
                  path.string() + ": " + std::string(key.str()) + " must be a string");
    }
    *target = text_value->get();
  }
  if (!profile.ca_bundle.empty() && std::filesystem::path(profile.ca_bundle).is_relative()) {
    profile.ca_bundle = (path.parent_path() / profile.ca_bundle).string();
  }
  return profile;
}

}  // namespace scepter::cli
