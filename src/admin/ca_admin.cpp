#include "admin/ca_admin.hpp"

#include <algorithm>

#include "admin/json.hpp"
#include "admin/published_files.hpp"
#include "admin/scope.hpp"
#include "crypto/key.hpp"

namespace scepter::admin {
namespace {

CaCertificateView view_of(store::Id id, std::string role, const crypto::Certificate& certificate,
                          std::string path) {
  return CaCertificateView{.id = id,
                           .role = std::move(role),
                           .subject = certificate.subject_text(),
                           .serial = certificate.serial_hex(),
                           .not_before = to_unix(certificate.not_before()),
                           .not_after = to_unix(certificate.not_after()),
                           .fingerprint = certificate.sha256_fingerprint(),
                           .pem = certificate.pem(),
                           .path = std::move(path)};
}

CaCertificateView view_of(const ca::SigningCa& ca, std::string path = {}) {
  return view_of(ca.record.id, ca.record.role, ca.certificate, std::move(path));
}

// Certificates are public, but whole PEMs would drown the audit log: the fingerprint names them.
nlohmann::json audit_json(const CaCertificateView& view) {
  auto json = to_json(view);
  json.erase("pem");
  return json;
}

Result<crypto::KeySpec> key_spec_for_rollover(const std::string& requested,
                                              const ca::SigningCa& issuing) {
  if (requested.empty()) {
    const auto key = issuing.certificate.public_key();
    return crypto::KeySpec{.type = key.type(), .bits = key.bits()};
  }
  auto spec = crypto::KeySpec::parse(requested);
  if (!spec)
    return fail(invalid_field("key", "key must be rsa2048, rsa3072, rsa4096, ec-p256 or ec-p384"));
  return spec;
}

}  // namespace

Result<CaOverview> CaAdmin::show() {
  auto& pki = workspace_.pki();
  SCEPTER_TRY(const auto cas, workspace_.store().list_cas());
  const auto root_record = std::ranges::find(cas, std::string("root"), &store::CaRecord::role);
  if (root_record == cas.end()) {
    return fail(ErrorCategory::not_found, "no CA exists: run `scepter init`");
  }
  SCEPTER_TRY(const auto root, pki.root_certificate());
  SCEPTER_TRY(const auto issuing, pki.issuing_ca());
  SCEPTER_TRY(const auto next, pki.next_ca());
  CaOverview overview{
      .root = view_of(root_record->id, "root", root, workspace_.root_ca_path().string()),
      .issuing = view_of(issuing, workspace_.chain_path().string())};
  if (next) overview.next = view_of(*next);
  return overview;
}

Result<CaCertificateView> CaAdmin::rollover(const std::string& key_spec) {
  SCEPTER_CHECK(Scope(workspace_.store(), actor_.principal).require_mrao("roll the CA over"));
  auto& pki = workspace_.pki();
  SCEPTER_TRY(const auto issuing, pki.issuing_ca());
  SCEPTER_TRY(const auto spec, key_spec_for_rollover(key_spec, issuing));
  SCEPTER_TRY(const auto next, pki.prepare_rollover(spec));
  auto view = view_of(next);
  SCEPTER_CHECK(record_audit(workspace_, actor_, "ca.rollover", "ca:" + std::to_string(view.id),
                             nullptr, audit_json(view)));
  return view;
}

Result<CaCertificateView> CaAdmin::activate_next() {
  SCEPTER_CHECK(Scope(workspace_.store(), actor_.principal).require_mrao("activate a CA"));
  auto& pki = workspace_.pki();
  SCEPTER_TRY(const auto before, pki.issuing_ca());
  SCEPTER_TRY(const auto next, pki.next_ca());
  if (!next) return fail(ErrorCategory::not_found, "no next CA: prepare one with a rollover");
  SCEPTER_CHECK(pki.activate_next());
  SCEPTER_CHECK(publish_ca_files(workspace_));
  SCEPTER_TRY(const auto issuing, pki.issuing_ca());
  auto view = view_of(issuing, workspace_.chain_path().string());
  SCEPTER_CHECK(record_audit(workspace_, actor_, "ca.activate_next",
                             "ca:" + std::to_string(view.id), audit_json(view_of(before)),
                             audit_json(view)));
  return view;
}

Result<Bytes> CaAdmin::crl(Encoding encoding) {
  auto& pki = workspace_.pki();
  SCEPTER_TRY(const auto issuing, pki.issuing_ca());
  SCEPTER_TRY(const auto crl, pki.current_crl(issuing.record.id));
  if (encoding == Encoding::pem) return to_bytes(crl.pem());
  return crl.der();
}

}  // namespace scepter::admin
