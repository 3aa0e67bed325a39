#pragma once
// Private keys of CAs and RA certificates. They never enter the database: each is a PKCS#8 file
// under the vault directory, encrypted with the master key, which is kept outside the database
// too (DESIGN.md, data model), or a key inside a PKCS#11 token. The store holds only the
// reference: "file:NAME" from save(), or the key's "pkcs11:..." URI.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "crypto/key.hpp"

namespace scepter::ca {

struct VaultKey {
  crypto::PrivateKey key;
  std::string key_ref;
};

class KeyVault {
 public:
  // dir is created (0700) if missing.
  static Result<KeyVault> open(std::filesystem::path dir, std::string master_key);

  // Writes the key under a fresh name and returns its reference ("file:NAME").
  Result<std::string> save(const crypto::PrivateKey& key, std::string_view name_hint) const;
  // "pkcs11:" references load through the token (crypto/pkcs11_key.hpp), the rest from files.
  Result<crypto::PrivateKey> load(std::string_view key_ref) const;

  // A new key: generated inside the token named by key_token() when there is one (its reference
  // is the key's pkcs11: URI; the private half never leaves the token), else generated here and
  // saved like save().
  Result<VaultKey> create(const crypto::KeySpec& spec, std::string_view name_hint) const;
  // From now on create() generates keys inside this token, in every process that opens the
  // directory. The URI names the token (token= or serial=) and its module (?module-path=, else
  // the configured crypto::Pkcs11Settings::module_path is recorded with it). A pin-value in it is
  // refused: the PIN comes from the environment (Pkcs11Settings::pin_env) or a pin-source file.
  Status generate_keys_in(std::string_view token_uri) const;
  Result<std::optional<std::string>> key_token() const;

 private:
  KeyVault(std::filesystem::path dir, std::string master_key)
      : dir_(std::move(dir)), master_key_(std::move(master_key)) {}
  std::filesystem::path dir_;
  std::string master_key_;
};

}  // namespace scepter::ca
