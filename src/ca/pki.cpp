#include "ca/pki.hpp"

#include <algorithm>

#include "crypto/random.hpp"

namespace scepter::ca {
namespace {

using std::chrono::hours;

constexpr auto kRootLifetime = hours(24 * 365 * 20);
constexpr auto kIssuingLifetime = hours(24 * 365 * 10);
constexpr auto kRaLifetime = hours(24 * 365 * 2);
// Certificates start an hour in the past so that clients with a slow clock accept them.
constexpr auto kBackdate = hours(1);

Result<store::CaRecord> find_role(store::Store& store, std::string_view role) {
  SCEPTER_TRY(auto all, store.list_cas());
  for (auto& ca : all) {
    if (ca.role == role) return ca;
  }
  return fail(ErrorCategory::not_found, "no " + std::string(role) + " CA");
}

}  // namespace

Bytes new_serial() {
  auto serial = crypto::random_bytes(16);
  // Positive and exactly 16 bytes once DER-encoded: clear the sign bit, set the next one.
  serial[0] = static_cast<std::uint8_t>((serial[0] & 0x7f) | 0x40);
  return serial;
}

std::string Pki::crl_url(store::Id ca_id) const {
  std::lock_guard lock(crl_base_url_mutex_);
  return options_.crl_base_url + "/" + std::to_string(ca_id) + ".crl";
}

void Pki::set_crl_base_url(std::string url) {
  std::lock_guard lock(crl_base_url_mutex_);
  options_.crl_base_url = std::move(url);
}

Result<SigningCa> Pki::load(const store::CaRecord& record) {
  {
    std::lock_guard lock(loaded_mutex_);
    if (auto it = loaded_.find(record.id); it != loaded_.end()) {
      auto ca = it->second;
      ca.record = record;  // the role may have changed since
      return ca;
    }
  }
  SCEPTER_TRY(auto certificate, crypto::Certificate::from_pem(record.certificate_pem));
  SCEPTER_TRY(auto key, vault_.load(record.key_ref));
  SigningCa ca{record, certificate, std::move(key), {certificate}};
  for (auto parent_id = record.parent_id; parent_id;) {
    SCEPTER_TRY(auto parent, store_.get_ca(*parent_id));
    SCEPTER_TRY(auto parent_certificate, crypto::Certificate::from_pem(parent.certificate_pem));
    ca.chain.push_back(std::move(parent_certificate));
    parent_id = parent.parent_id;
  }
  std::lock_guard lock(loaded_mutex_);
  loaded_.emplace(record.id, ca);
  return ca;
}

Result<SigningCa> Pki::issue_ca(const crypto::KeySpec& key_spec, const std::string& common_name,
                                const std::string& role, const SigningCa* parent) {
  SCEPTER_TRY(auto created, vault_.create(key_spec, role + "-ca"));
  auto& key = created.key;
  auto now = clock_.now();
  crypto::CertificateSpec spec{
      .subject = {{"O", "scepter"}, {"CN", common_name}},
      .serial = new_serial(),
      .not_before = now - kBackdate,
      .not_after = now + (parent ? kIssuingLifetime : kRootLifetime),
      .public_key = key.public_key(),
      .is_ca = true,
      .path_length = parent ? std::optional<int>(0) : std::nullopt,
      .key_usage = crypto::key_cert_sign | crypto::crl_sign | crypto::digital_signature,
  };
  if (parent) spec.not_after = std::min(spec.not_after, parent->certificate.not_after());
  SCEPTER_TRY(auto certificate,
              crypto::issue_certificate(spec, parent ? &parent->certificate : nullptr,
                                        parent ? parent->key : key));
  store::CaRecord record{
      .name = common_name,
      .role = role,
      .parent_id = parent ? std::optional(parent->record.id) : std::nullopt,
      .certificate_pem = certificate.pem(),
      .key_ref = created.key_ref,
      .created_at = to_unix(now),
  };
  SCEPTER_TRY(record, store_.create_ca(record));
  SigningCa ca{record, certificate, std::move(key), {certificate}};
  if (parent) ca.chain.insert(ca.chain.end(), parent->chain.begin(), parent->chain.end());
  return ca;
}

Result<SigningCa> Pki::create_hierarchy(const crypto::KeySpec& key_spec,
                                        const std::string& common_name) {
  if (find_role(store_, "root")) return fail(ErrorCategory::conflict, "a root CA already exists");
  SCEPTER_TRY(auto root, issue_ca(key_spec, common_name + " Root CA", "root", nullptr));
  return issue_ca(key_spec, common_name + " Issuing CA", "issuing", &root);
}

Result<SigningCa> Pki::prepare_rollover(const crypto::KeySpec& key_spec) {
  if (find_role(store_, "next")) {
    return fail(ErrorCategory::conflict, "a next CA already exists: activate it first");
  }
  SCEPTER_TRY(auto root_record, find_role(store_, "root"));
  SCEPTER_TRY(auto root, load(root_record));
  SCEPTER_TRY(auto current, find_role(store_, "issuing"));
  auto stamp = std::to_string(to_unix(clock_.now()));
  return issue_ca(key_spec, current.name + " (" + stamp + ")", "next", &root);
}

Status Pki::activate_next() {
  SCEPTER_TRY(auto next, find_role(store_, "next"));
  return store_.activate_ca(next.id);
}

Result<SigningCa> Pki::issuing_ca() {
  SCEPTER_TRY(auto record, find_role(store_, "issuing"));
  return load(record);
}

Result<std::optional<SigningCa>> Pki::next_ca() {
  auto record = find_role(store_, "next");
  if (!record) {
    if (record.error().category == ErrorCategory::not_found) return std::nullopt;
    return fail(std::move(record).error());
  }
  SCEPTER_TRY(auto ca, load(*record));
  return std::optional(std::move(ca));
}

Result<SigningCa> Pki::ca_by_id(store::Id id) {
  SCEPTER_TRY(auto record, store_.get_ca(id));
  return load(record);
}

Result<crypto::Certificate> Pki::root_certificate() {
  SCEPTER_TRY(auto record, find_role(store_, "root"));
  return crypto::Certificate::from_pem(record.certificate_pem);
}

Result<store::RaCertificate> Pki::issue_ra_certificate(const std::string& name,
                                                       const crypto::KeySpec& key_spec) {
  // Clients encrypt their requests to the RA certificate's key, which only RSA allows.
  if (key_spec.type != crypto::KeyType::rsa) {
    return fail(invalid_field("key", "RA keys must be RSA: SCEP clients encrypt to them"));
  }
  SCEPTER_TRY(auto issuer, issuing_ca());
  SCEPTER_TRY(auto created, vault_.create(key_spec, "ra-" + name));
  const auto& key = created.key;
  auto now = clock_.now();
  crypto::CertificateSpec spec{
      .subject = {{"O", "scepter"}, {"CN", name + " SCEP RA"}},
      .serial = new_serial(),
      .not_before = now - kBackdate,
      .not_after = std::min(now + kRaLifetime, issuer.certificate.not_after()),
      .public_key = key.public_key(),
      .key_usage = crypto::digital_signature | crypto::key_encipherment,
  };
  SCEPTER_TRY(auto certificate, crypto::issue_certificate(spec, &issuer.certificate, issuer.key));
  store::RaCertificate ra{
      .name = name,
      .ca_id = issuer.record.id,
      .certificate_pem = certificate.pem(),
      .key_ref = created.key_ref,
      .subject = certificate.subject_text(),
      .fingerprint = certificate.sha256_fingerprint(),
      .not_before = to_unix(certificate.not_before()),
      .not_after = to_unix(certificate.not_after()),
      .created_at = to_unix(now),
  };
  return store_.create_ra_certificate(ra);
}

Result<crypto::Crl> Pki::publish_crl(store::Id ca_id) {
  SCEPTER_TRY(auto ca, ca_by_id(ca_id));
  SCEPTER_TRY(auto revoked, store_.list_revoked(ca_id));
  SCEPTER_TRY(auto latest, store_.latest_crl(ca_id));
  long long number = latest ? latest->number + 1 : 1;
  auto now = clock_.now();
  crypto::CrlSpec spec{.this_update = now, .next_update = now + options_.crl_validity};
  for (const auto& cert : revoked) {
    crypto::RevokedEntry entry;
    if (!hex_decode(cert.serial, entry.serial)) {
      return fail(ErrorCategory::store, "corrupt serial in store", cert.serial);
    }
    entry.revoked_at = from_unix(cert.revoked_at.value_or(to_unix(now)));
    entry.reason = static_cast<crypto::RevocationReason>(cert.revocation_reason.value_or(0));
    spec.entries.push_back(std::move(entry));
  }
  for (long long n = number; n > 0; n >>= 8) {
    spec.crl_number.insert(spec.crl_number.begin(), static_cast<std::uint8_t>(n & 0xff));
  }
  SCEPTER_TRY(auto crl, crypto::issue_crl(spec, ca.certificate, ca.key));
  SCEPTER_CHECK(store_.save_crl({.ca_id = ca_id,
                                 .number = number,
                                 .der = crl.der(),
                                 .this_update = to_unix(spec.this_update),
                                 .next_update = to_unix(spec.next_update)}));
  return crl;
}

Result<crypto::Crl> Pki::current_crl(store::Id ca_id) {
  SCEPTER_TRY(auto latest, store_.latest_crl(ca_id));
  if (latest) {
    auto now = to_unix(clock_.now());
    auto lifetime = latest->next_update - latest->this_update;
    bool fresh = now < latest->next_update - lifetime / 2;
    bool covers_all = true;
    if (fresh) {
      SCEPTER_TRY(auto revoked, store_.list_revoked(ca_id));
      covers_all = std::none_of(revoked.begin(), revoked.end(), [&](const auto& c) {
        return c.revoked_at.value_or(0) > latest->this_update;
      });
    }
    if (fresh && covers_all) return crypto::Crl::from_der(latest->der);
  }
  return publish_crl(ca_id);
}

}  // namespace scepter::ca
