#include "admin/workspace.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <system_error>

#include "admin/validation.hpp"
#include "crypto/random.hpp"
#include "store/open_store.hpp"

namespace scepter::admin {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMasterKeyBytes = 32;
constexpr std::string_view kAccessCodeKeyLabel = "scepter access codes v1";
constexpr std::string_view kPublicBaseUrlSetting = "public_base_url";
constexpr std::string_view kDerivedPublicBaseUrlSetting = "derived_public_base_url";
constexpr std::string_view kMasterKeyCheckSetting = "master_key_check";
constexpr std::string_view kMasterKeyCheckLabel = "scepter master key check v1";

Status make_private_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail(ErrorCategory::internal, "cannot create " + dir.string(), ec.message());
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) return fail(ErrorCategory::internal, "cannot restrict " + dir.string(), ec.message());
  return {};
}

// O_EXCL with mode 0600 from the start: the key is never readable by others, not even briefly.
Status write_new_master_key(const fs::path& path) {
  const std::string text = hex_encode(crypto::random_bytes(kMasterKeyBytes)) + "\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return fail(ErrorCategory::internal, "cannot create " + path.string(),
                std::error_code(errno, std::generic_category()).message());
  }
  const ssize_t written = ::write(fd, text.data(), text.size());
  const bool synced = ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (written != static_cast<ssize_t>(text.size()) || !synced || !closed) {
    return fail(ErrorCategory::internal, "cannot write " + path.string());
  }
  return {};
}

Result<Bytes> read_master_key(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return fail(ErrorCategory::internal, "cannot read " + path.string());
  std::string text;
  in >> text;
  Bytes key;
  if (!hex_decode(text, key) || key.size() != kMasterKeyBytes) {
    return fail(ErrorCategory::internal, path.string() + " is not a 32-byte hex key");
  }
  return key;
}

// Nodes sharing a database must all hold its master key: the first to open the database records
// a digest of its key, and a node whose key differs is refused before it writes anything.
Status check_master_key(store::Store& store, const Bytes& master) {
  const std::string digest =
      hex_encode(crypto::hmac_sha256(master, as_bytes(kMasterKeyCheckLabel)));
  SCEPTER_TRY(const auto recorded, store.get_setting(std::string(kMasterKeyCheckSetting)));
  if (!recorded) return store.set_setting(std::string(kMasterKeyCheckSetting), digest);
  if (*recorded != digest) {
    return fail(ErrorCategory::internal, "master.key does not belong to this database",
                "copy master.key (and keys/) from a node of this database");
  }
  return {};
}

}  // namespace

Workspace::Workspace(fs::path data_dir, std::unique_ptr<store::Store> store, ca::KeyVault vault,
                     ca::AccessCodes codes, ca::SecretBox secrets, std::string public_base_url,
                     bool public_base_url_configured)
    : data_dir_(std::move(data_dir)),
      store_(std::move(store)),
      vault_(std::move(vault)),
      codes_(std::move(codes)),
      secrets_(std::move(secrets)),
      public_base_url_(std::move(public_base_url)),
      public_base_url_configured_(public_base_url_configured),
      pki_(std::make_unique<ca::Pki>(*store_, vault_, clock_,
                                     ca::PkiOptions{.crl_base_url = crl_base_url()})),
      issuer_(std::make_unique<ca::Issuer>(*store_, *pki_)) {}

Workspace::~Workspace() = default;

Result<std::unique_ptr<Workspace>> Workspace::open(fs::path data_dir, bool create,
                                                   const DatabaseSettings& database) {
  const fs::path db_path = data_dir / "scepter.db";
  const fs::path key_path = data_dir / "master.key";
  std::error_code ec;
  const bool has_master_key = fs::exists(key_path, ec);
  // A database kept outside DATA counts as present once DATA holds its master key.
  const bool has_database = database.location.empty() ? fs::exists(db_path, ec) : has_master_key;
  if (has_database && !has_master_key) {
    // A new key would not open the vault's existing keys: never make one over a database.
    return fail(ErrorCategory::internal, key_path.string() + " is missing");
  }
  if (!has_database && !create) {
    return fail(ErrorCategory::not_found,
                "no scepter data in " + data_dir.string() + ": run `scepter init`");
  }
  if (!has_database) {
    SCEPTER_CHECK(make_private_dir(data_dir));
    SCEPTER_CHECK(make_private_dir(data_dir / "ca"));
    if (!has_master_key) SCEPTER_CHECK(write_new_master_key(key_path));
  }
  SCEPTER_CHECK(crypto::initialize());
  SCEPTER_TRY(const Bytes master, read_master_key(key_path));
  SCEPTER_TRY(auto store,
              store::open_store(database.location.empty() ? db_path.string() : database.location,
                                {.migrate_postgres = database.migrate_postgres}));
  SCEPTER_CHECK(check_master_key(*store, master));
  SCEPTER_TRY(auto vault, ca::KeyVault::open(data_dir / "keys", hex_encode(master)));
  ca::AccessCodes codes(crypto::hmac_sha256(master, as_bytes(kAccessCodeKeyLabel)));
  SCEPTER_TRY(auto secrets, ca::SecretBox::from_master_key(master));

  SCEPTER_TRY(const auto configured_url, store->get_setting(std::string(kPublicBaseUrlSetting)));
  SCEPTER_TRY(const auto derived_url,
              store->get_setting(std::string(kDerivedPublicBaseUrlSetting)));
  std::string url =
      configured_url.value_or(derived_url.value_or(std::string(kDefaultPublicBaseUrl)));
  return std::unique_ptr<Workspace>(
      new Workspace(std::move(data_dir), std::move(store), std::move(vault), std::move(codes),
                    std::move(secrets), std::move(url), configured_url.has_value()));
}

Status Workspace::set_public_base_url(std::string url) {
  SCEPTER_TRY(url, normalize_base_url(std::move(url)));
  SCEPTER_CHECK(store_->set_setting(std::string(kPublicBaseUrlSetting), url));
  public_base_url_configured_ = true;
  use_public_base_url(std::move(url));
  return {};
}

Status Workspace::set_derived_public_base_url(std::string url) {
  SCEPTER_TRY(url, normalize_base_url(std::move(url)));
  SCEPTER_CHECK(store_->set_setting(std::string(kDerivedPublicBaseUrlSetting), url));
  if (!public_base_url_configured_) use_public_base_url(std::move(url));
  return {};
}

void Workspace::use_public_base_url(std::string url) {
  public_base_url_ = std::move(url);
  pki_->set_crl_base_url(crl_base_url());
}

}  // namespace scepter::admin
