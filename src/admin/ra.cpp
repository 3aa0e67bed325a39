#include "admin/ra.hpp"

#include "admin/json.hpp"
#include "admin/lookup.hpp"
#include "admin/validation.hpp"
#include "crypto/certificate.hpp"

namespace scepter::admin {

Result<store::RaCertificate> RaCertificates::add(const std::string& name,
                                                 const std::string& key_spec) {
  SCEPTER_CHECK(check_name("name", name));
  SCEPTER_CHECK(check_one_of("key", key_spec, {"rsa2048", "rsa3072", "rsa4096"}));
  SCEPTER_TRY(const auto spec, crypto::KeySpec::parse(key_spec));
  SCEPTER_TRY(const bool taken, exists(workspace_.store().find_ra_certificate(name)));
  if (taken) return fail(conflict_on("name", "RA certificate '" + name + "' already exists"));
  SCEPTER_TRY(auto ra, workspace_.pki().issue_ra_certificate(name, spec));
  SCEPTER_CHECK(record_audit(workspace_, actor_, "ra.create", "ra:" + name, nullptr, to_json(ra)));
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
