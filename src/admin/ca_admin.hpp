#pragma once
// The CA hierarchy as operators see it: which certificates are in use, issuing-CA rollover, CRLs.

#include <string>

#include "admin/audit.hpp"
#include "admin/views.hpp"
#include "admin/workspace.hpp"
#include "core/bytes.hpp"

namespace scepter::admin {

class CaAdmin {
 public:
  CaAdmin(Workspace& workspace, Actor actor) : workspace_(workspace), actor_(std::move(actor)) {}

  Result<CaOverview> show();
  // Creates the next issuing CA under the root; key_spec empty means the current issuing CA's
  // key type and size. conflict when a next CA already waits.
  Result<CaCertificateView> rollover(const std::string& key_spec);
  // The next CA becomes the issuing one; returns it. Republishes DATA/ca/chain.pem.
  Result<CaCertificateView> activate_next();
  // The issuing CA's current CRL.
  Result<Bytes> crl(Encoding encoding);

 private:
  Workspace& workspace_;
  Actor actor_;
};

}  // namespace scepter::admin
