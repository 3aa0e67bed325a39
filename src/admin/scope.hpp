#pragma once
// What a principal may see and do. Rows outside its scope are reported as not_found, so that
// their existence does not leak; actions its role may never take are forbidden.

#include <string>
#include <vector>

#include "admin/principal.hpp"
#include "core/error.hpp"
#include "store/store.hpp"

namespace scepter::admin {

class Scope {
 public:
  Scope(store::Store& store, const Principal& principal) : store_(store), principal_(principal) {}

  bool is_mrao() const { return principal_.role == Role::mrao; }
  // forbidden unless MRAO; `what` completes "only an MRAO may ...".
  Status require_mrao(const std::string& what) const;
  // forbidden for a DRAO: departments and organizations are above it.
  Status require_organization_level(const std::string& what) const;

  bool sees_organization(store::Id organization_id) const;
  // department_id 0 or none: the organization as a whole, which a DRAO does not see.
  bool sees_department(store::Id organization_id, std::optional<store::Id> department_id) const;
  bool sees_account(const store::Account& account) const;
  Result<bool> sees_endpoint(const store::Endpoint& endpoint) const;
  // General accounts are seen by all; customized ones by those they are delegated to.
  Result<bool> sees_azure_account(const store::AzureAccount& account) const;
  Result<bool> sees_certificate(const store::CertificateRecord& certificate) const;
  Result<bool> sees_transaction(const store::Transaction& transaction) const;

  // The lookups of admin/lookup.hpp, limited to the scope: a row outside it is the same
  // not_found as a missing one.
  Result<store::Organization> organization(const std::string& name) const;
  Result<store::Department> department(const store::Organization& org,
                                       const std::string& name) const;
  Result<store::Endpoint> endpoint(const std::string& uri_extension) const;
  Result<store::AzureAccount> azure_account(const std::string& name_or_id) const;
  Result<store::Account> account(const store::Endpoint& endpoint, const std::string& name) const;
  // serial: normalized hex.
  Result<store::CertificateRecord> certificate(const std::string& serial) const;

 private:
  bool sees_delegation(const store::Delegation& delegation) const;
  bool sees_any(const std::vector<store::Delegation>& delegations) const;
  // Whether the account with this id (which may be deleted) is visible.
  Result<bool> sees_account_id(store::Id account_id) const;

  store::Store& store_;
  const Principal& principal_;
};

}  // namespace scepter::admin
