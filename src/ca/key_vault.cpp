#include "ca/key_vault.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "crypto/pkcs11_key.hpp"
#include "crypto/random.hpp"

namespace scepter::ca {
namespace {

constexpr std::string_view kFilePrefix = "file:";
// Holds the pkcs11: URI of the token create() generates keys in.
constexpr std::string_view kTokenFile = "pkcs11-token.uri";

bool safe_file_name(std::string_view name) {
  if (name.empty() || name.front() == '.') return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// Writes a private file in one step: created 0600 under a temporary name, then renamed, so a
// crash never leaves a half-written key behind.
Status write_private_file(const std::filesystem::path& path, std::string_view content) {
  auto temp = path;
  temp += ".tmp";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return fail(ErrorCategory::store, "cannot write key file", temp.string());
  std::size_t written = 0;
  while (written < content.size()) {
    auto n = ::write(fd, content.data() + written, content.size() - written);
    if (n <= 0) {
      ::close(fd);
      return fail(ErrorCategory::store, "cannot write key file", temp.string());
    }
    written += static_cast<std::size_t>(n);
  }
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return fail(ErrorCategory::store, "cannot write key file", temp.string());
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) return fail(ErrorCategory::store, "cannot write key file", ec.message());
  return {};
}

// Letters and digits of the hint, anything else as '-': a file name, and a token object label.
std::string key_label(std::string_view name_hint) {
  std::string label;
  for (char c : name_hint) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    label.push_back(keep ? c : '-');
  }
  return label.empty() ? "key" : label;
}

}  // namespace

Result<KeyVault> KeyVault::open(std::filesystem::path dir, std::string master_key) {
  if (master_key.size() < 32) {
    return fail(ErrorCategory::internal, "master key too short");
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail(ErrorCategory::store, "cannot create key directory", ec.message());
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  return KeyVault(std::move(dir), std::move(master_key));
}

Result<std::string> KeyVault::save(const crypto::PrivateKey& key,
                                   std::string_view name_hint) const {
  auto name = key_label(name_hint) + "-" + hex_encode(crypto::random_bytes(6)) + ".key.pem";
  SCEPTER_TRY(auto pem, key.to_pem(master_key_));
  SCEPTER_CHECK(write_private_file(dir_ / name, pem));
  return std::string(kFilePrefix) + name;
}

Result<crypto::PrivateKey> KeyVault::load(std::string_view key_ref) const {
  if (crypto::is_pkcs11_uri(key_ref)) {
    auto key = crypto::load_pkcs11_key(key_ref);
    if (!key) return fail(std::move(key).error().context("loading a CA or RA key"));
    return key;
  }
  if (!key_ref.starts_with(kFilePrefix) || !safe_file_name(key_ref.substr(kFilePrefix.size()))) {
    return fail(ErrorCategory::internal, "unsupported key reference", std::string(key_ref));
  }
  auto path = dir_ / key_ref.substr(kFilePrefix.size());
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCategory::store, "key file missing", path.string());
  std::stringstream pem;
  pem << in.rdbuf();
  auto key = crypto::PrivateKey::from_pem(pem.str(), master_key_);
  if (!key) return fail(std::move(key).error().context("loading " + path.string()));
  return key;
}

Result<VaultKey> KeyVault::create(const crypto::KeySpec& spec, std::string_view name_hint) const {
  SCEPTER_TRY(const auto token, key_token());
  if (token) {
    SCEPTER_TRY(auto generated, crypto::generate_pkcs11_key(*token, spec, key_label(name_hint)));
    return VaultKey{std::move(generated.key), std::move(generated.uri)};
  }
  SCEPTER_TRY(auto key, crypto::PrivateKey::generate(spec));
  SCEPTER_TRY(auto key_ref, save(key, name_hint));
  return VaultKey{std::move(key), std::move(key_ref)};
}

Status KeyVault::generate_keys_in(std::string_view token_uri) const {
  auto uri = crypto::Pkcs11Uri::parse(token_uri);
  if (!uri) return fail(invalid_field("pkcs11_token_uri", uri.error().client_text));
  if (!uri->pin_value.empty()) {
    return fail(
        invalid_field("pkcs11_token_uri", "no pin-value here: the PIN comes from the environment"));
  }
  // Recorded with the module, so that every later command finds the token without configuration.
  if (uri->module_path.empty()) uri->module_path = crypto::pkcs11_settings().module_path;
  return write_private_file(dir_ / kTokenFile, uri->reference() + "\n");
}

Result<std::optional<std::string>> KeyVault::key_token() const {
  const auto path = dir_ / kTokenFile;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  std::ifstream in(path);
  std::string uri;
  if (!std::getline(in, uri)) return fail(ErrorCategory::store, "cannot read " + path.string());
  return uri;
}

}  // namespace scepter::ca
