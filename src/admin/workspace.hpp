#pragma once
// Everything one process needs for a data directory: the database, the master key and the CA
// objects built on them. The CLI opens one per command; the server opens one at start-up.
//
// Layout of DATA:
//   scepter.db   the SQLite store (WAL mode, shared with a running server), unless the
//                database is elsewhere (DatabaseSettings)
//   master.key   32 random bytes as hex, mode 0600: encrypts the key vault and stored secrets,
//                and keys access codes
//   keys/        the key vault (encrypted PKCS#8 files)
//   ca/          root.pem and chain.pem, written by `scepter init` for distribution to clients

#include <filesystem>
#include <memory>
#include <string>

#include "ca/access_code.hpp"
#include "ca/issuer.hpp"
#include "ca/key_vault.hpp"
#include "ca/pki.hpp"
#include "ca/secret_box.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/store.hpp"

namespace scepter::admin {

inline constexpr std::string_view kDefaultPublicBaseUrl = "http://127.0.0.1:8080";

// Where the store lives (store/open_store.hpp): empty, DATA/scepter.db; else a SQLite path or a
// postgresql:// URI, which several nodes may share. A PostgreSQL schema older than this build
// is refused (`scepter migrate` applies it) unless migrate_postgres.
struct DatabaseSettings {
  std::string location;
  bool migrate_postgres = false;
};

class Workspace {
 public:
  // Without create, a directory that holds no scepter data is a not_found error telling the
  // operator to run `scepter init`; with create, the directory, master key and database are made.
  static Result<std::unique_ptr<Workspace>> open(std::filesystem::path data_dir, bool create,
                                                 const DatabaseSettings& database = {});

  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  ~Workspace();

  store::Store& store() { return *store_; }
  const ca::KeyVault& vault() const { return vault_; }
  const ca::AccessCodes& access_codes() const { return codes_; }
  // Seals secrets kept in the database (Azure client secrets).
  const ca::SecretBox& secrets() const { return secrets_; }
  ca::Pki& pki() { return *pki_; }
  ca::Issuer& issuer() { return *issuer_; }
  const Clock& clock() const { return clock_; }
  long long now() const { return to_unix(clock_.now()); }

  const std::filesystem::path& data_dir() const { return data_dir_; }
  std::filesystem::path root_ca_path() const { return data_dir_ / "ca" / "root.pem"; }
  std::filesystem::path chain_path() const { return data_dir_ / "ca" / "chain.pem"; }

  // The base URL clients reach the server by; SCEP URLs and CRL distribution points derive
  // from it. The one an operator configured (setting "public_base_url"), else the one the server
  // last derived from where it listens (setting "derived_public_base_url"), else the default.
  const std::string& public_base_url() const { return public_base_url_; }
  // The operator's URL: http(s), without a trailing slash (one is removed). pki() publishes
  // CRLs under it from then on: references to pki() and issuer() stay valid.
  Status set_public_base_url(std::string url);
  // The URL a starting server derived from the address it bound. Replaces the one derived
  // before, so that the CLI's approvals name the same server; no effect while an operator's URL
  // is configured.
  Status set_derived_public_base_url(std::string url);
  bool public_base_url_configured() const { return public_base_url_configured_; }

 private:
  Workspace(std::filesystem::path data_dir, std::unique_ptr<store::Store> store, ca::KeyVault vault,
            ca::AccessCodes codes, ca::SecretBox secrets, std::string public_base_url,
            bool public_base_url_configured);
  void use_public_base_url(std::string url);
  std::string crl_base_url() const { return public_base_url_ + "/crl"; }

  std::filesystem::path data_dir_;
  std::unique_ptr<store::Store> store_;
  ca::KeyVault vault_;
  ca::AccessCodes codes_;
  ca::SecretBox secrets_;
  SystemClock clock_;
  std::string public_base_url_;
  bool public_base_url_configured_;
  std::unique_ptr<ca::Pki> pki_;
  std::unique_ptr<ca::Issuer> issuer_;
};

}  // namespace scepter::admin
