#include "admin/json.hpp"

#include <ctime>

#include "admin/usages.hpp"

namespace scepter::admin {
namespace {

using nlohmann::json;

json optional_text(const std::string& text) {
  return text.empty() ? json() : json(text);
}

}  // namespace

std::string rfc3339(long long unix_seconds) {
  const auto at = static_cast<std::time_t>(unix_seconds);
  std::tm parts{};
  char text[32];
  if (gmtime_r(&at, &parts) == nullptr ||
      std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts) == 0) {
    return std::to_string(unix_seconds);
  }
  return text;
}

json to_json(const store::Organization& org) {
  return {{"id", org.id}, {"name", org.name}, {"created_at", rfc3339(org.created_at)}};
}

json to_json(const DepartmentView& department) {
  return {{"id", department.id},
          {"name", department.name},
          {"organization", department.organization},
          {"created_at", rfc3339(department.created_at)}};
}

json to_json(const store::Profile& profile) {
  json eku = json::array();
  for (const auto& oid : profile.extended_key_usage) eku.push_back(extended_key_usage_name(oid));
  return {{"id", profile.id},
          {"name", profile.name},
          {"cert_type", profile.cert_type},
          {"key_types", profile.key_types},
          {"min_rsa_bits", profile.min_rsa_bits},
          {"min_ec_bits", profile.min_ec_bits},
          {"terms_days", profile.terms_days},
          {"key_usage", key_usage_names(profile.key_usage)},
          {"extended_key_usage", eku},
          {"san_types", profile.san_types},
          {"subject_attributes", profile.subject_attributes},
          {"requires_approval", profile.requires_approval},
          {"created_at", rfc3339(profile.created_at)}};
}

json to_json(const store::RaCertificate& ra) {
  return {{"id", ra.id},
          {"name", ra.name},
          {"ca_id", ra.ca_id},
          {"subject", ra.subject},
          {"fingerprint", ra.fingerprint},
          {"not_before", rfc3339(ra.not_before)},
          {"not_after", rfc3339(ra.not_after)},
          {"created_at", rfc3339(ra.created_at)}};
}

json to_json(const EndpointView& view) {
  const auto& e = view.endpoint;
  json out = {{"id", e.id},
              {"name", e.name},
              {"uri_extension", e.uri_extension},
              {"scep_url", view.scep_url},
              {"type", e.type},
              {"cert_type", e.cert_type},
              {"ra", view.ra},
              {"getcacert_format", e.getcacert_format},
              {"getcert_format", e.getcert_format},
              {"delegation", e.delegation},
              {"enabled", e.enabled},
              {"created_at", rfc3339(e.created_at)}};
  if (e.type == "intune") {
    out["organization"] = view.organization;
    out["department"] = view.department;
    out["profile"] = view.profile;
    out["term_days"] = e.term_days ? json(*e.term_days) : json();
    out["azure_account"] = optional_text(view.azure_account);
  }
  return out;
}

json to_json(const AccountView& account) {
  return {{"id", account.id},
          {"endpoint", account.endpoint},
          {"name", account.name},
          {"organization", account.organization},
          {"department", account.department},
          {"profile", account.profile},
          {"term_days", account.term_days},
          {"created_at", rfc3339(account.created_at)},
          {"code_rotated_at", rfc3339(account.code_rotated_at)}};
}

json to_json(const AccessCodeIssued& issued) {
  json out = to_json(issued.account);
  out["access_code"] = issued.access_code;
  return out;
}

json to_json(const CaCertificateView& ca) {
  return {{"id", ca.id},
          {"role", ca.role},
          {"subject", ca.subject},
          {"serial", ca.serial},
          {"not_before", rfc3339(ca.not_before)},
          {"not_after", rfc3339(ca.not_after)},
          {"fingerprint", ca.fingerprint},
          {"path", optional_text(ca.path)},
          {"pem", ca.pem}};
}

json to_json(const CaOverview& overview) {
  return {{"root", to_json(overview.root)},
          {"issuing", to_json(overview.issuing)},
          {"next", overview.next ? to_json(*overview.next) : json()}};
}

json to_json(const PendingRequestView& request) {
  return {{"endpoint", request.endpoint},
          {"transaction_id", request.transaction_id},
          {"subject", request.subject},
          {"account", optional_text(request.account)},
          {"message_type", request.message_type},
          {"client_address", request.client_address},
          {"created_at", rfc3339(request.created_at)}};
}

json to_json(const CertificateView& certificate) {
  json out = {{"serial", certificate.serial},
              {"endpoint", optional_text(certificate.endpoint)},
              {"account", optional_text(certificate.account)},
              {"subject", certificate.subject},
              {"alt_names", certificate.alt_names},
              {"not_before", rfc3339(certificate.not_before)},
              {"not_after", rfc3339(certificate.not_after)},
              {"status", certificate.status},
              {"issued_at", rfc3339(certificate.issued_at)},
              {"transaction_id", certificate.transaction_id}};
  if (certificate.revoked_at) {
    out["revoked_at"] = rfc3339(*certificate.revoked_at);
    out["revocation_reason"] = certificate.revocation_reason;
  }
  if (!certificate.pem.empty()) out["pem"] = certificate.pem;
  return out;
}

}  // namespace scepter::admin
