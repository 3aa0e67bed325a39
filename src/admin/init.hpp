#pragma once
// `scepter init`: the CA hierarchy, the published CA files, a default RA certificate and, on
// request, a demo tenant with one working endpoint and account.

#include <string>

#include "admin/audit.hpp"
#include "admin/workspace.hpp"
#include "crypto/key.hpp"

namespace scepter::admin {

struct InitOptions {
  bool demo = false;
  crypto::KeySpec ca_key{crypto::KeyType::rsa, 2048};
  crypto::KeySpec ra_key{crypto::KeyType::rsa, 2048};
  std::string public_base_url{};    // empty: keep the current one
  std::string ca_name = "scepter";  // common name the CA hierarchy is named after
  // A pkcs11: URI naming a token (crypto/pkcs11_uri.hpp): the CA and RA keys, and keys made
  // later, are generated inside it. Empty: encrypted key files in the vault.
  std::string key_token_uri{};
};

inline constexpr std::string_view kDefaultRaName = "default-ra";
inline constexpr std::string_view kDemoEndpoint = "demo";

struct InitResult {
  std::string ca_certificate_path{};  // DATA/ca/root.pem
  std::string chain_path{};           // DATA/ca/chain.pem
  // Demo only, else empty. The access code is shown this once.
  std::string scep_url{};
  std::string access_code{};
};

// conflict "already initialized" when the data directory has a CA hierarchy.
Result<InitResult> initialize(Workspace& workspace, const InitOptions& options, const Actor& actor);

}  // namespace scepter::admin
