#pragma once
// Issued certificates: search, inspection, revocation and release from hold (both republish the
// CRL).

#include <optional>
#include <string>
#include <vector>

#include "admin/audit.hpp"
#include "admin/views.hpp"
#include "admin/workspace.hpp"

namespace scepter::admin {

struct CertificateQuery {
  std::optional<std::string> endpoint{};  // URI extension
  std::optional<std::string> account{};   // needs endpoint: account names are per endpoint
  std::optional<std::string> status{};    // "valid" | "revoked"
  std::optional<std::string> subject_contains{};
  std::optional<std::string> san_contains{};  // within the "dns:a.example,email:x@y" form
  std::optional<std::string> serial{};        // hex, any case, ':' allowed
  std::optional<long long> expires_before{};  // not_after < this (Unix seconds)
  std::optional<long long> expires_after{};   // not_after >= this
  int limit = 100;                            // 1..1000
  int offset = 0;
};

class Certificates {
 public:
  Certificates(Workspace& workspace, Actor actor)
      : workspace_(workspace), actor_(std::move(actor)) {}

  // Newest first; only certificates within the actor's scope.
  Result<std::vector<CertificateView>> list(const CertificateQuery& query);
  // With the PEM. serial: hex, any case, ':' separators allowed.
  Result<CertificateView> show(const std::string& serial);
  // The certificate, the CA that issued it and that CA's issuer, in PEM: what a client installs.
  Result<std::string> chain_pem(const std::string& serial);
  // reason: an RFC 5280 name ("keyCompromise", ...), empty for unspecified. conflict when the
  // certificate is already revoked. Publishes a fresh CRL of the certificate's CA.
  Result<CertificateView> revoke(const std::string& serial, const std::string& reason);
  // Takes a certificate off hold (revoked with reason certificateHold): valid again, and absent
  // from the fresh CRL of its CA that this publishes. conflict when the certificate is valid or
  // revoked for another reason, which is final. Scope and audit as for revoke.
  Result<CertificateView> release_hold(const std::string& serial);

 private:
  Workspace& workspace_;
  Actor actor_;
};

// Resolves endpoint and account names; with_pem adds the certificate in PEM.
Result<CertificateView> certificate_view(store::Store& store,
                                         const store::CertificateRecord& record, bool with_pem);

}  // namespace scepter::admin
