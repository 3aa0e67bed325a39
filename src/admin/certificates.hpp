#pragma once
// Issued certificates: search, inspection and revocation (which republishes the CRL).

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
  int limit = 100;  // 1..1000
  int offset = 0;
};

class Certificates {
 public:
  Certificates(Workspace& workspace, Actor actor)
      : workspace_(workspace), actor_(std::move(actor)) {}

  Result<std::vector<CertificateView>> list(const CertificateQuery& query);
  // With the PEM. serial: hex, any case, ':' separators allowed.
  Result<CertificateView> show(const std::string& serial);
  // reason: an RFC 5280 name ("keyCompromise", ...), empty for unspecified. conflict when the
  // certificate is already revoked. Publishes a fresh CRL of the certificate's CA.
  Result<CertificateView> revoke(const std::string& serial, const std::string& reason);

 private:
  Workspace& workspace_;
  Actor actor_;
};

// Resolves endpoint and account names; with_pem adds the certificate in PEM.
Result<CertificateView> certificate_view(store::Store& store,
                                         const store::CertificateRecord& record, bool with_pem);

}  // namespace scepter::admin
