#include "admin/accounts.hpp"

#include <algorithm>

#include "admin/delegation_coverage.hpp"
#include "admin/json.hpp"
#include "admin/lookup.hpp"
#include "admin/profiles.hpp"
#include "admin/scope.hpp"
#include "admin/validation.hpp"

namespace scepter::admin {
namespace {

std::string target_of(const store::Endpoint& endpoint, const std::string& name) {
  return "account:" + endpoint.uri_extension + "/" + name;
}

Result<store::Endpoint> scep_endpoint(const Scope& scope, const std::string& uri_extension) {
  SCEPTER_TRY(auto endpoint, scope.endpoint(uri_extension));
  if (endpoint.type != "scep") {
    return fail(invalid_field("endpoint", "only scep endpoints have accounts; '" + uri_extension +
                                              "' is an " + endpoint.type + " endpoint"));
  }
  return endpoint;
}

// Delegation says which tenants may enroll through an endpoint: RAOs and DRAOs see it for
// theirs, and only accounts of those may be made on it.
Status check_delegated(store::Store& store, const store::Endpoint& endpoint,
                       const store::Organization& org, const store::Department& department) {
  SCEPTER_TRY(const auto targets, store.list_delegations(endpoint.id));
  if (delegation_covers(endpoint.delegation, targets, org.id, department.id)) return {};
  return fail(invalid_field("department", "endpoint '" + endpoint.uri_extension +
                                              "' is not delegated to " +
                                              tenant_label(org.name, department.name)));
}

}  // namespace

Result<AccountView> Accounts::view_of(const store::Endpoint& endpoint,
                                      const store::Account& account) {
  auto& store = workspace_.store();
  SCEPTER_TRY(const auto org, store.get_organization(account.organization_id));
  SCEPTER_TRY(const auto department, store.get_department(account.department_id));
  SCEPTER_TRY(const auto profile, store.get_profile(account.profile_id));
  return AccountView{.id = account.id,
                     .endpoint = endpoint.uri_extension,
                     .name = account.name,
                     .organization = org.name,
                     .department = department.name,
                     .profile = profile.name,
                     .term_days = account.term_days,
                     .created_at = account.created_at,
                     .code_rotated_at = account.code_rotated_at};
}

Result<std::string> Accounts::new_code(const store::Endpoint& endpoint,
                                       const std::optional<std::string>& requested,
                                       std::optional<store::Id> owner) {
  if (requested) {
    // The uniqueness check below tells whether a code is taken: on an endpoint shared by tenants,
    // anyone but an MRAO could use it to test guesses at another tenant's codes.
    SCEPTER_CHECK(Scope(workspace_.store(), actor_.principal)
                      .require_mrao("choose an access code; leave it out to get a generated one"));
  }
  std::string code = requested ? *requested : ca::AccessCodes::generate();
  SCEPTER_CHECK(ca::AccessCodes::validate(code));
  SCEPTER_TRY(const auto holder, workspace_.store().find_account_by_code(
                                     endpoint.id, workspace_.access_codes().digest(code)));
  if (holder && holder->id != owner) {
    return fail(conflict_on("access_code",
                            "another account of this endpoint already has that access code"));
  }
  return code;
}

Result<AccessCodeIssued> Accounts::add(const AccountInput& input) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_CHECK(check_name("name", input.name));
  SCEPTER_TRY(const auto endpoint, scep_endpoint(scope, input.endpoint));
  SCEPTER_TRY(const bool taken, exists(store.find_account(endpoint.id, input.name)));
  if (taken) {
    return fail(conflict_on("name", "account '" + input.name + "' already exists on endpoint '" +
                                        endpoint.uri_extension + "'"));
  }
  SCEPTER_TRY(const auto org, scope.organization(input.organization));
  SCEPTER_TRY(const auto department, scope.department(org, input.department));
  SCEPTER_CHECK(check_delegated(store, endpoint, org, department));
  SCEPTER_TRY(const auto profile, profile_named(store, input.profile));
  SCEPTER_CHECK(check_profile_fits(profile, endpoint.cert_type));
  const int term_days = input.term_days.value_or(profile.terms_days.front());
  SCEPTER_CHECK(check_term(profile, term_days));
  SCEPTER_TRY(auto code, new_code(endpoint, input.access_code, std::nullopt));

  const long long now = workspace_.now();
  SCEPTER_TRY(const auto account,
              store.create_account({.endpoint_id = endpoint.id,
                                    .name = input.name,
                                    .organization_id = org.id,
                                    .department_id = department.id,
                                    .profile_id = profile.id,
                                    .term_days = term_days,
                                    .access_code_digest = workspace_.access_codes().digest(code),
                                    .created_at = now,
                                    .code_rotated_at = now}));
  SCEPTER_TRY(auto view, view_of(endpoint, account));
  SCEPTER_CHECK(record_audit(workspace_, actor_, "account.create",
                             target_of(endpoint, account.name), nullptr, to_json(view)));
  return AccessCodeIssued{std::move(view), std::move(code)};
}

Result<std::vector<AccountView>> Accounts::list(const std::string& endpoint_extension) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_TRY(const auto endpoint, scope.endpoint(endpoint_extension));
  SCEPTER_TRY(const auto accounts, store.list_accounts(endpoint.id));
  std::vector<AccountView> views;
  for (const auto& account : accounts) {
    if (!scope.sees_account(account)) continue;
    SCEPTER_TRY(auto view, view_of(endpoint, account));
    views.push_back(std::move(view));
  }
  return views;
}

Result<AccessCodeIssued> Accounts::rotate_code(const std::string& endpoint_extension,
                                               const std::string& name,
                                               const std::optional<std::string>& access_code) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_TRY(const auto endpoint, scep_endpoint(scope, endpoint_extension));
  SCEPTER_TRY(auto account, scope.account(endpoint, name));
  SCEPTER_TRY(auto code, new_code(endpoint, access_code, account.id));
  SCEPTER_TRY(const auto before, view_of(endpoint, account));

  account.code_rotated_at = workspace_.now();
  SCEPTER_CHECK(store.update_access_code(account.id, workspace_.access_codes().digest(code),
                                         account.code_rotated_at));
  SCEPTER_TRY(auto after, view_of(endpoint, account));
  SCEPTER_CHECK(record_audit(workspace_, actor_, "account.rotate_code", target_of(endpoint, name),
                             to_json(before), to_json(after)));
  return AccessCodeIssued{std::move(after), std::move(code)};
}

Status Accounts::remove(const std::string& endpoint_extension, const std::string& name) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_TRY(const auto endpoint, scope.endpoint(endpoint_extension));
  SCEPTER_TRY(const auto account, scope.account(endpoint, name));
  // A pending request is approved with its account's profile and term: it cannot outlive it.
  SCEPTER_TRY(const auto pending, store.list_pending(endpoint.id));
  const auto waiting =
      std::ranges::count(pending, std::optional(account.id), &store::Transaction::account_id);
  if (waiting > 0) {
    return fail(conflict_on("account", "account '" + name + "' has " + std::to_string(waiting) +
                                           " pending request(s); approve or reject them first"));
  }
  SCEPTER_TRY(const auto before, view_of(endpoint, account));
  SCEPTER_CHECK(store.delete_account(account.id));
  return record_audit(workspace_, actor_, "account.delete", target_of(endpoint, name),
                      to_json(before), nullptr);
}

}  // namespace scepter::admin
