#pragma once
// Pending certificate requests (profiles that require approval): list, approve, reject.

#include <optional>
#include <string>
#include <vector>

#include "admin/audit.hpp"
#include "admin/views.hpp"
#include "admin/workspace.hpp"

namespace scepter::admin {

class Requests {
 public:
  Requests(Workspace& workspace, Actor actor) : workspace_(workspace), actor_(std::move(actor)) {}

  // Every pending request, or those of one endpoint (URI extension).
  Result<std::vector<PendingRequestView>> list(const std::optional<std::string>& endpoint);
  // Issues the certificate with the account's profile and term (the endpoint's for Intune); the
  // client collects it with its next CertPoll. conflict when the request is no longer pending.
  Result<CertificateView> approve(const std::string& endpoint, const std::string& transaction_id);
  // The client's next CertPoll gets FAILURE. reason: shown to operators, empty for a default.
  Status reject(const std::string& endpoint, const std::string& transaction_id,
                const std::string& reason);

 private:
  Workspace& workspace_;
  Actor actor_;
};

}  // namespace scepter::admin
