#include "admin/certificates.hpp"

#include "admin/json.hpp"
#include "admin/lookup.hpp"
#include "admin/scope.hpp"
#include "admin/validation.hpp"
#include "crypto/certificate.hpp"
#include "crypto/issue.hpp"

namespace scepter::admin {
namespace {

constexpr int kMaxListLimit = 1000;

// The name of a row that may have been deleted since (certificates outlive their endpoint).
template <class Row>
Result<std::string> name_if_present(Result<Row> row, std::string Row::*name) {
  if (row) return (*row).*name;
  if (row.error().category == ErrorCategory::not_found) return std::string();
  return std::unexpected(std::move(row).error());
}

Result<int> reason_code(const std::string& reason) {
  auto parsed = crypto::parse_revocation_reason(reason.empty() ? "unspecified" : reason);
  if (!parsed) {
    return fail(invalid_field("reason", "unknown revocation reason '" + reason + "'"));
  }
  return static_cast<int>(*parsed);
}

constexpr auto kCertificateHold = crypto::RevocationReason::certificate_hold;
static_assert(store::kCertificateHold == static_cast<int>(kCertificateHold));

// Why a certificate cannot be released from hold, or nothing when it can.
std::optional<std::string> release_obstacle(const store::CertificateRecord& record) {
  if (record.status != "revoked") return "is not on hold: it is " + record.status;
  const auto reason = static_cast<crypto::RevocationReason>(record.revocation_reason.value_or(0));
  if (reason != kCertificateHold) {
    return "is revoked (" + crypto::to_string(reason) +
           "), which is final: only a certificateHold can be released";
  }
  return std::nullopt;
}

// The common path of revocation and release: the certificate in the actor's scope (not_found
// outside it, as for a missing one), `change(record)` refusing or applying the new status, the
// change audited as `action`, and a fresh CRL of the certificate's CA.
template <class Change>
Result<CertificateView> change_status(Workspace& workspace, const Actor& actor,
                                      const std::string& normalized, const std::string& action,
                                      Change change) {
  auto& store = workspace.store();
  SCEPTER_TRY(const auto record, Scope(store, actor.principal).certificate(normalized));
  SCEPTER_TRY(const auto before, certificate_view(store, record, false));
  SCEPTER_CHECK(change(record));
  SCEPTER_TRY(const auto changed, store.get_certificate(normalized));
  SCEPTER_TRY(auto after, certificate_view(store, changed, false));
  SCEPTER_CHECK(record_audit(workspace, actor, action, "certificate:" + normalized, to_json(before),
                             to_json(after)));
  SCEPTER_CHECK(workspace.pki().publish_crl(record.ca_id));
  return after;
}

}  // namespace

Result<CertificateView> certificate_view(store::Store& store,
                                         const store::CertificateRecord& record, bool with_pem) {
  CertificateView view{.serial = record.serial,
                       .subject = record.subject,
                       .alt_names = record.alt_names,
                       .not_before = record.not_before,
                       .not_after = record.not_after,
                       .status = record.status,
                       .revoked_at = record.revoked_at,
                       .issued_at = record.issued_at,
                       .transaction_id = record.transaction_id};
  SCEPTER_TRY(view.endpoint, name_if_present(store.get_endpoint(record.endpoint_id),
                                             &store::Endpoint::uri_extension));
  if (record.account_id) {
    SCEPTER_TRY(view.account,
                name_if_present(store.get_account(*record.account_id), &store::Account::name));
  }
  if (record.revocation_reason) {
    view.revocation_reason =
        crypto::to_string(static_cast<crypto::RevocationReason>(*record.revocation_reason));
  }
  if (with_pem) {
    SCEPTER_TRY(const auto certificate, crypto::Certificate::from_der(record.der));
    view.pem = certificate.pem();
  }
  return view;
}

Result<std::vector<CertificateView>> Certificates::list(const CertificateQuery& query) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  store::CertificateFilter filter;
  filter.status = query.status;
  filter.subject_contains = query.subject_contains;
  filter.alt_names_contains = query.san_contains;
  filter.not_after_before = query.expires_before;
  filter.not_after_at_least = query.expires_after;
  if (query.serial) {
    SCEPTER_TRY(filter.serial, normalize_serial(*query.serial));
  }
  if (query.status) SCEPTER_CHECK(check_one_of("status", *query.status, {"valid", "revoked"}));
  if (query.limit < 1 || query.limit > kMaxListLimit) {
    return fail(invalid_field("limit", "limit must be 1 to 1000"));
  }
  if (query.offset < 0) return fail(invalid_field("offset", "offset must not be negative"));
  if (query.account && !query.endpoint) {
    return fail(invalid_field("account", "an account is named within an endpoint: give both"));
  }
  if (query.endpoint) {
    SCEPTER_TRY(const auto endpoint, scope.endpoint(*query.endpoint));
    filter.endpoint_id = endpoint.id;
    if (query.account) {
      SCEPTER_TRY(const auto account, scope.account(endpoint, *query.account));
      filter.account_id = account.id;
    }
  }
  // The store applies every condition but the scope, which is applied to its pages here: the
  // caller's offset counts certificates in scope only.
  std::vector<CertificateView> views;
  int to_skip = query.offset;
  filter.page = {.limit = kMaxListLimit, .offset = 0};
  while (std::ssize(views) < query.limit) {
    SCEPTER_TRY(const auto records, store.list_certificates(filter));
    for (const auto& record : records) {
      SCEPTER_TRY(const bool wanted, scope.sees_certificate(record));
      if (!wanted) continue;
      if (to_skip > 0) {
        --to_skip;
        continue;
      }
      SCEPTER_TRY(auto view, certificate_view(store, record, false));
      views.push_back(std::move(view));
      if (std::ssize(views) == query.limit) break;
    }
    if (std::ssize(records) < kMaxListLimit) break;
    filter.page.offset += kMaxListLimit;
  }
  return views;
}

Result<CertificateView> Certificates::show(const std::string& serial) {
  SCEPTER_TRY(const auto normalized, normalize_serial(serial));
  auto& store = workspace_.store();
  SCEPTER_TRY(const auto record, Scope(store, actor_.principal).certificate(normalized));
  return certificate_view(store, record, true);
}

Result<std::string> Certificates::chain_pem(const std::string& serial) {
  SCEPTER_TRY(const auto normalized, normalize_serial(serial));
  auto& store = workspace_.store();
  SCEPTER_TRY(const auto record, Scope(store, actor_.principal).certificate(normalized));
  SCEPTER_TRY(const auto certificate, crypto::Certificate::from_der(record.der));
  SCEPTER_TRY(const auto ca, workspace_.pki().ca_by_id(record.ca_id));
  std::string chain = certificate.pem();
  for (const auto& link : ca.chain) chain += link.pem();
  return chain;
}

Result<CertificateView> Certificates::revoke(const std::string& serial, const std::string& reason) {
  SCEPTER_TRY(const auto normalized, normalize_serial(serial));
  SCEPTER_TRY(const int code, reason_code(reason));
  return change_status(
      workspace_, actor_, normalized, "certificate.revoke",
      [&](const store::CertificateRecord& record) -> Status {
        const bool on_hold =
            record.status == "revoked" && record.revocation_reason == store::kCertificateHold;
        if (record.status == "revoked" && (!on_hold || code == store::kCertificateHold)) {
          return fail(conflict_on("serial", "certificate " + normalized + " is already " +
                                                (on_hold ? "on hold" : "revoked")));
        }
        return workspace_.store().revoke_certificate(normalized, code, workspace_.now());
      });
}

// RFC 5280 5.3.1: certificateHold is the one reversible reason. A full CRL lists what is revoked
// when it is issued, so the released serial is simply absent from the next one; the
// removeFromCRL reason serves delta CRLs only, which scepter does not publish.
Result<CertificateView> Certificates::release_hold(const std::string& serial) {
  SCEPTER_TRY(const auto normalized, normalize_serial(serial));
  return change_status(
      workspace_, actor_, normalized, "certificate.release_hold",
      [&](const store::CertificateRecord& record) -> Status {
        if (auto obstacle = release_obstacle(record)) {
          return fail(conflict_on("serial", "certificate " + normalized + " " + *obstacle));
        }
        return workspace_.store().release_certificate_hold(normalized);
      });
}

}  // namespace scepter::admin
