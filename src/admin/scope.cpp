#include "admin/scope.hpp"

#include <algorithm>

#include "admin/delegation_coverage.hpp"
#include "admin/lookup.hpp"

namespace scepter::admin {
namespace {

std::string quoted(const std::string& name) {
  return "'" + name + "'";
}

// A visible row passes; a hidden one becomes not_found, worded like a missing one.
template <class T>
Result<T> unless_hidden(T row, Result<bool> seen, std::string field, std::string client_text) {
  if (!seen) return std::unexpected(std::move(seen).error());
  if (*seen) return row;
  Error error = make_error(ErrorCategory::not_found, std::move(client_text));
  error.field = std::move(field);
  return std::unexpected(std::move(error));
}

}  // namespace

Status Scope::require_mrao(const std::string& what) const {
  if (is_mrao()) return {};
  return fail(ErrorCategory::forbidden, "only an MRAO may " + what);
}

Status Scope::require_organization_level(const std::string& what) const {
  if (principal_.role != Role::drao) return {};
  return fail(ErrorCategory::forbidden, "a DRAO may not " + what);
}

bool Scope::sees_organization(store::Id organization_id) const {
  return is_mrao() || principal_.organization_id == organization_id;
}

bool Scope::sees_department(store::Id organization_id,
                            std::optional<store::Id> department_id) const {
  switch (principal_.role) {
    case Role::mrao:
      return true;
    case Role::rao:
      return principal_.organization_id == organization_id;
    case Role::drao:
      return principal_.organization_id == organization_id && department_id &&
             *department_id != 0 && principal_.department_id == department_id;
  }
  return false;
}

bool Scope::sees_account(const store::Account& account) const {
  return sees_department(account.organization_id, account.department_id);
}

bool Scope::sees_delegation(const store::Delegation& delegation) const {
  // An RAO sees what is delegated to any part of its organization, a DRAO what covers its
  // department.
  if (principal_.role == Role::rao) return principal_.organization_id == delegation.organization_id;
  return principal_.organization_id &&
         delegation_covers(delegation, *principal_.organization_id, principal_.department_id);
}

Result<bool> Scope::sees_endpoint(const store::Endpoint& endpoint) const {
  if (is_mrao()) return true;
  if (endpoint.organization_id) {
    return sees_department(*endpoint.organization_id, endpoint.department_id);
  }
  if (endpoint.delegation != "customized") return true;
  SCEPTER_TRY(const auto delegations, store_.list_delegations(endpoint.id));
  return sees_any(delegations);
}

Result<bool> Scope::sees_azure_account(const store::AzureAccount& account) const {
  if (is_mrao() || account.delegation != "customized") return true;
  SCEPTER_TRY(const auto delegations, store_.list_azure_delegations(account.id));
  return sees_any(delegations);
}

bool Scope::sees_any(const std::vector<store::Delegation>& delegations) const {
  return std::ranges::any_of(delegations,
                             [&](const auto& delegation) { return sees_delegation(delegation); });
}

Result<bool> Scope::sees_account_id(store::Id account_id) const {
  auto account = store_.get_account(account_id);
  if (account) return sees_account(*account);
  if (account.error().category == ErrorCategory::not_found) return false;
  return std::unexpected(std::move(account).error());
}

Result<bool> Scope::sees_certificate(const store::CertificateRecord& certificate) const {
  if (is_mrao()) return true;
  if (certificate.account_id) return sees_account_id(*certificate.account_id);
  // Without an account the certificate belongs to its Intune endpoint's department, if any.
  auto endpoint = store_.get_endpoint(certificate.endpoint_id);
  if (!endpoint) {
    if (endpoint.error().category == ErrorCategory::not_found) return false;
    return std::unexpected(std::move(endpoint).error());
  }
  return endpoint->organization_id &&
         sees_department(*endpoint->organization_id, endpoint->department_id);
}

Result<bool> Scope::sees_transaction(const store::Transaction& transaction) const {
  if (is_mrao()) return true;
  if (transaction.account_id) return sees_account_id(*transaction.account_id);
  SCEPTER_TRY(const auto endpoint, store_.get_endpoint(transaction.endpoint_id));
  return endpoint.organization_id &&
         sees_department(*endpoint.organization_id, endpoint.department_id);
}

Result<store::Organization> Scope::organization(const std::string& name) const {
  SCEPTER_TRY(auto org, organization_named(store_, name));
  const bool seen = sees_organization(org.id);
  return unless_hidden(std::move(org), seen, "organization",
                       "organization " + quoted(name) + " does not exist");
}

Result<store::Department> Scope::department(const store::Organization& org,
                                            const std::string& name) const {
  SCEPTER_TRY(auto department, department_named(store_, org, name));
  const bool seen = sees_department(org.id, department.id);
  return unless_hidden(
      std::move(department), seen, "department",
      "department " + quoted(name) + " does not exist in organization " + quoted(org.name));
}

Result<store::Endpoint> Scope::endpoint(const std::string& uri_extension) const {
  SCEPTER_TRY(auto endpoint, endpoint_at(store_, uri_extension));
  auto seen = sees_endpoint(endpoint);
  return unless_hidden(std::move(endpoint), std::move(seen), "endpoint",
                       "endpoint " + quoted(uri_extension) + " does not exist");
}

Result<store::AzureAccount> Scope::azure_account(const std::string& name_or_id) const {
  SCEPTER_TRY(auto account, azure_account_named(store_, name_or_id));
  auto seen = sees_azure_account(account);
  return unless_hidden(std::move(account), std::move(seen), "azure_account",
                       "Azure account " + quoted(name_or_id) + " does not exist");
}

Result<store::Account> Scope::account(const store::Endpoint& endpoint,
                                      const std::string& name) const {
  SCEPTER_TRY(auto account, account_named(store_, endpoint, name));
  const bool seen = sees_account(account);
  return unless_hidden(
      std::move(account), seen, "account",
      "account " + quoted(name) + " does not exist on endpoint " + quoted(endpoint.uri_extension));
}

Result<store::CertificateRecord> Scope::certificate(const std::string& serial) const {
  const std::string text = "no certificate has serial " + serial;
  SCEPTER_TRY(auto record, named_lookup(store_.get_certificate(serial), "serial", text));
  auto seen = sees_certificate(record);
  return unless_hidden(std::move(record), std::move(seen), "serial", text);
}

}  // namespace scepter::admin
