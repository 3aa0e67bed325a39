#include "admin/ra.hpp"

#include "admin/json.hpp"
#include "admin/lookup.hpp"
#include "admin/scope.hpp"
#include "admin/validation.hpp"
#include "crypto/certificate.hpp"
#include "crypto/key.hpp"

namespace scepter::admin {

Result<store::RaCertificate> RaCertificates::add(const std::string& name,
                                                 const std::string& key_spec) {
  SCEPTER_CHECK(Scope(workspace_.store(), actor_.principal).require_mrao("create RA certificates"));
  SCEPTER_CHECK(check_name("name", name));
  SCEPTER_CHECK(check_one_of("key", key_spec, {"rsa2048", "rsa3072", "rsa4096"}));
  SCEPTER_TRY(const auto spec, crypto::KeySpec::parse(key_spec));
  SCEPTER_TRY(const bool taken, exists(workspace_.store().find_ra_certificate(name)));
  if (taken) return fail(conflict_on("name", "RA certificate '" + name + "' already exists"));
  SCEPTER_TRY(auto ra, workspace_.pki().issue_ra_certificate(name, spec));
  SCEPTER_CHECK(record_audit(workspace_, actor_, "ra.create", "ra:" + name, nullptr, to_json(ra)));
  return ra;
}

Result<store::RaCertificate> RaCertificates::import(const std::string& name,
                                                    const std::string& certificate_pem,
                                                    const std::string& key_pem) {
  auto& store = workspace_.store();
  SCEPTER_CHECK(Scope(store, actor_.principal).require_mrao("import RA certificates"));
  SCEPTER_CHECK(check_name("name", name));
  auto certificate = crypto::Certificate::from_pem(certificate_pem);
  if (!certificate) return fail(invalid_field("certificate", "not a PEM certificate"));
  auto key = crypto::PrivateKey::from_pem(key_pem);
  if (!key) return fail(invalid_field("key", "not an unencrypted PEM private key"));
  if (key->type() != crypto::KeyType::rsa) {
    return fail(invalid_field("key", "RA keys must be RSA: SCEP clients encrypt to them"));
  }
  if (!(key->public_key() == certificate->public_key())) {
    return fail(invalid_field("key", "the key does not belong to the certificate"));
  }
  SCEPTER_TRY(const bool taken, exists(store.find_ra_certificate(name)));
  if (taken) return fail(conflict_on("name", "RA certificate '" + name + "' already exists"));
  SCEPTER_TRY(const auto issuing, workspace_.pki().issuing_ca());
  SCEPTER_TRY(auto key_ref, workspace_.vault().save(*key, "ra-" + name));
  SCEPTER_TRY(auto ra,
              store.create_ra_certificate({.name = name,
                                           .ca_id = issuing.record.id,
                                           .certificate_pem = certificate->pem(),
                                           .key_ref = std::move(key_ref),
                                           .subject = certificate->subject_text(),
                                           .fingerprint = certificate->sha256_fingerprint(),
                                           .not_before = to_unix(certificate->not_before()),
                                           .not_after = to_unix(certificate->not_after()),
                                           .created_at = workspace_.now()}));
  SCEPTER_CHECK(record_audit(workspace_, actor_, "ra.import", "ra:" + name, nullptr, to_json(ra)));
  return ra;
}

Result<std::vector<store::RaCertificate>> RaCertificates::list() {
  return workspace_.store().list_ra_certificates();
}

Result<Bytes> RaCertificates::export_certificate(const std::string& name, Encoding encoding) {
  SCEPTER_TRY(const auto ra, ra_named(workspace_.store(), name));
  if (encoding == Encoding::pem) return to_bytes(ra.certificate_pem);
  SCEPTER_TRY(const auto certificate, crypto::Certificate::from_pem(ra.certificate_pem));
  return certificate.der();
}

}  // namespace scepter::admin
