#pragma once
// Private keys of CAs and RA certificates. They never enter the database: each is a PKCS#8 file
// under the vault directory, encrypted with the master key, which is kept outside the database
// too (DESIGN.md, data model). The store holds only the reference returned by save().

#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "crypto/key.hpp"

namespace scepter::ca {

class KeyVault {
 public:
  // dir is created (0700) if missing.
  static Result<KeyVault> open(std::filesystem::path dir, std::string master_key);

  // Writes the key under a fresh name and returns its reference ("file:NAME").
  Result<std::string> save(const crypto::PrivateKey& key, std::string_view name_hint) const;
  Result<crypto::PrivateKey> load(std::string_view key_ref) const;

 private:
  KeyVault(std::filesystem::path dir, std::string master_key)
      : dir_(std::move(dir)), master_key_(std::move(master_key)) {}
  std::filesystem::path dir_;
  std::string master_key_;
};

}  // namespace scepter::ca
