#include "admin/endpoints.hpp"

#include <algorithm>
#include <array>

#include "admin/delegation_coverage.hpp"
#include "admin/json.hpp"
#include "admin/lookup.hpp"
#include "admin/profiles.hpp"
#include "admin/scope.hpp"
#include "admin/validation.hpp"

namespace scepter::admin {
namespace {

constexpr std::array<std::string_view, 2> kTypes = {"scep", "intune"};
constexpr std::array<std::string_view, 2> kCertTypes = {"client", "device"};
constexpr std::array<std::string_view, 3> kGetCaCertFormats = {"single-pem", "single-der",
                                                               "chain-cms"};
constexpr std::array<std::string_view, 2> kGetCertFormats = {"single", "full-chain"};

Result<store::RaCertificate> ra_or_default(store::Store& store,
                                           const std::optional<std::string>& name) {
  if (name) return ra_named(store, *name);
  SCEPTER_TRY(const auto all, store.list_ra_certificates());
  if (all.empty()) return fail(invalid_field("ra", "no RA certificate exists"));
  return *std::ranges::min_element(all, {}, &store::RaCertificate::id);
}

Error immutable(std::string field) {
  return conflict_on(field, field + " cannot be changed once the endpoint exists");
}

Status refuse_intune_field(bool present, std::string field) {
  if (!present) return {};
  return fail(
      invalid_field(field, "only Intune endpoints have " + field +
                               " (on scep endpoints, accounts carry what they issue with)"));
}

template <class T>
Result<T> required(const std::optional<T>& value, std::string field) {
  if (!value) return fail(invalid_field(field, field + " is required for Intune endpoints"));
  return *value;
}

// The profile and term an Intune endpoint issues with, checked against its certificate type.
Status apply_intune_profile(store::Store& store, store::Endpoint& endpoint,
                            const std::string& profile_name, int term_days) {
  SCEPTER_TRY(const auto profile, profile_named(store, profile_name));
  SCEPTER_CHECK(check_profile_fits(profile, endpoint.cert_type));
  SCEPTER_CHECK(check_term(profile, term_days));
  // Intune waits for an answer to its one-time challenge; it cannot wait for an approval.
  if (profile.requires_approval) {
    return fail(invalid_field("profile",
                              "an Intune endpoint cannot use a profile that requires "
                              "approval"));
  }
  endpoint.profile_id = profile.id;
  endpoint.term_days = term_days;
  return {};
}

// The Azure account an Intune endpoint asks through, which must be delegated to the endpoint's
// organization and department (set before).
Status apply_azure_account(store::Store& store, store::Endpoint& endpoint,
                           const std::string& azure_account_name, const std::string& tenant) {
  SCEPTER_TRY(const auto azure_account, azure_account_named(store, azure_account_name));
  SCEPTER_TRY(const auto targets, store.list_azure_delegations(azure_account.id));
  if (!delegation_covers(azure_account.delegation, targets, endpoint.organization_id.value_or(0),
                         endpoint.department_id)) {
    return fail(invalid_field("azure_account", "Azure account '" + azure_account.name +
                                                   "' is not delegated to " + tenant));
  }
  endpoint.azure_account_id = azure_account.id;
  return {};
}

Status apply_intune_fields(store::Store& store, store::Endpoint& endpoint,
                           const EndpointInput& input) {
  SCEPTER_TRY(const auto org_name, required(input.organization, "organization"));
  SCEPTER_TRY(const auto department_name, required(input.department, "department"));
  SCEPTER_TRY(const auto profile_name, required(input.profile, "profile"));
  SCEPTER_TRY(const int term_days, required(input.term_days, "term"));
  SCEPTER_TRY(const auto azure_account_name, required(input.azure_account, "azure_account"));
  SCEPTER_TRY(const auto org, organization_named(store, org_name));
  SCEPTER_TRY(const auto department, department_named(store, org, department_name));
  endpoint.organization_id = org.id;
  endpoint.department_id = department.id;
  SCEPTER_CHECK(apply_azure_account(store, endpoint, azure_account_name,
                                    tenant_label(org.name, department.name)));
  return apply_intune_profile(store, endpoint, profile_name, term_days);
}

Status check_uri_extension_free(store::Store& store, const std::string& uri_extension) {
  SCEPTER_CHECK(check_uri_extension(uri_extension));
  SCEPTER_TRY(const bool taken, exists(store.find_endpoint(uri_extension)));
  if (!taken) return {};
  return fail(conflict_on("uri_extension", "uri_extension '" + uri_extension + "' is in use"));
}

}  // namespace

Result<EndpointView> Endpoints::view_of(const store::Endpoint& endpoint) {
  auto& store = workspace_.store();
  EndpointView view{.endpoint = endpoint,
                    .scep_url = workspace_.public_base_url() + "/scep/" + endpoint.uri_extension};
  SCEPTER_TRY(const auto ra, store.get_ra_certificate(endpoint.ra_certificate_id));
  view.ra = ra.name;
  if (endpoint.organization_id) {
    SCEPTER_TRY(const auto org, store.get_organization(*endpoint.organization_id));
    view.organization = org.name;
  }
  if (endpoint.department_id) {
    SCEPTER_TRY(const auto department, store.get_department(*endpoint.department_id));
    view.department = department.name;
  }
  if (endpoint.profile_id) {
    SCEPTER_TRY(const auto profile, store.get_profile(*endpoint.profile_id));
    view.profile = profile.name;
  }
  if (endpoint.azure_account_id) {
    SCEPTER_TRY(const auto azure_account, store.get_azure_account(*endpoint.azure_account_id));
    view.azure_account = azure_account.name;
  }
  return view;
}

Result<EndpointView> Endpoints::add(const EndpointInput& input) {
  auto& store = workspace_.store();
  SCEPTER_CHECK(Scope(store, actor_.principal).require_mrao("create endpoints"));
  SCEPTER_CHECK(check_name("name", input.name));
  SCEPTER_CHECK(check_one_of("type", input.type, kTypes));
  SCEPTER_CHECK(check_one_of("cert_type", input.cert_type, kCertTypes));
  SCEPTER_CHECK(check_one_of("getcacert_format", input.getcacert_format, kGetCaCertFormats));
  SCEPTER_CHECK(check_one_of("getcert_format", input.getcert_format, kGetCertFormats));
  SCEPTER_CHECK(check_uri_extension_free(store, input.uri_extension));
  SCEPTER_TRY(const auto ra, ra_or_default(store, input.ra));

  store::Endpoint endpoint;
  endpoint.name = input.name;
  endpoint.uri_extension = input.uri_extension;
  endpoint.type = input.type;
  endpoint.cert_type = input.cert_type;
  endpoint.ra_certificate_id = ra.id;
  endpoint.getcacert_format = input.getcacert_format;
  endpoint.getcert_format = input.getcert_format;
  endpoint.enabled = input.enabled;
  endpoint.created_at = workspace_.now();
  if (input.type == "intune") {
    SCEPTER_CHECK(apply_intune_fields(store, endpoint, input));
  } else {
    SCEPTER_CHECK(refuse_intune_field(input.organization.has_value(), "organization"));
    SCEPTER_CHECK(refuse_intune_field(input.department.has_value(), "department"));
    SCEPTER_CHECK(refuse_intune_field(input.profile.has_value(), "profile"));
    SCEPTER_CHECK(refuse_intune_field(input.term_days.has_value(), "term"));
    SCEPTER_CHECK(refuse_intune_field(input.azure_account.has_value(), "azure_account"));
  }
  SCEPTER_TRY(endpoint, store.create_endpoint(endpoint));
  SCEPTER_TRY(auto view, view_of(endpoint));
  SCEPTER_CHECK(record_audit(workspace_, actor_, "endpoint.create",
                             "endpoint:" + endpoint.uri_extension, nullptr, to_json(view)));
  return view;
}

Result<std::vector<EndpointView>> Endpoints::list() {
  const Scope scope(workspace_.store(), actor_.principal);
  SCEPTER_TRY(const auto endpoints, workspace_.store().list_endpoints());
  std::vector<EndpointView> views;
  for (const auto& endpoint : endpoints) {
    SCEPTER_TRY(const bool seen, scope.sees_endpoint(endpoint));
    if (!seen) continue;
    SCEPTER_TRY(auto view, view_of(endpoint));
    views.push_back(std::move(view));
  }
  return views;
}

Result<EndpointView> Endpoints::show(const std::string& uri_extension) {
  SCEPTER_TRY(const auto endpoint,
              Scope(workspace_.store(), actor_.principal).endpoint(uri_extension));
  return view_of(endpoint);
}

Result<EndpointView> Endpoints::edit(const std::string& uri_extension,
                                     const EndpointChanges& changes) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_TRY(const auto current, scope.endpoint(uri_extension));
  SCEPTER_CHECK(scope.require_mrao("change endpoints"));
  SCEPTER_TRY(const auto before, view_of(current));

  if (changes.type && *changes.type != current.type) return fail(immutable("type"));
  if (changes.cert_type && *changes.cert_type != current.cert_type) {
    return fail(immutable("cert_type"));
  }
  if (changes.organization && *changes.organization != before.organization) {
    return fail(immutable("organization"));
  }
  if (changes.department && *changes.department != before.department) {
    return fail(immutable("department"));
  }

  store::Endpoint updated = current;
  if (changes.name) {
    SCEPTER_CHECK(check_name("name", *changes.name));
    updated.name = *changes.name;
  }
  if (changes.uri_extension && *changes.uri_extension != current.uri_extension) {
    SCEPTER_CHECK(check_uri_extension_free(store, *changes.uri_extension));
    updated.uri_extension = *changes.uri_extension;
  }
  if (changes.ra) {
    SCEPTER_TRY(const auto ra, ra_named(store, *changes.ra));
    updated.ra_certificate_id = ra.id;
  }
  if (changes.getcacert_format) {
    SCEPTER_CHECK(check_one_of("getcacert_format", *changes.getcacert_format, kGetCaCertFormats));
    updated.getcacert_format = *changes.getcacert_format;
  }
  if (changes.getcert_format) {
    SCEPTER_CHECK(check_one_of("getcert_format", *changes.getcert_format, kGetCertFormats));
    updated.getcert_format = *changes.getcert_format;
  }
  if (changes.enabled) updated.enabled = *changes.enabled;
  if (changes.profile || changes.term_days) {
    if (current.type != "intune") {
      SCEPTER_CHECK(refuse_intune_field(changes.profile.has_value(), "profile"));
      SCEPTER_CHECK(refuse_intune_field(changes.term_days.has_value(), "term"));
    }
    SCEPTER_CHECK(apply_intune_profile(store, updated, changes.profile.value_or(before.profile),
                                       changes.term_days.value_or(current.term_days.value_or(0))));
  }
  if (changes.azure_account) {
    SCEPTER_CHECK(refuse_intune_field(current.type != "intune", "azure_account"));
    SCEPTER_CHECK(apply_azure_account(store, updated, *changes.azure_account,
                                      tenant_label(before.organization, before.department)));
  }

  SCEPTER_TRY(updated, store.update_endpoint(updated));
  SCEPTER_TRY(auto after, view_of(updated));
  SCEPTER_CHECK(record_audit(workspace_, actor_, "endpoint.update",
                             "endpoint:" + current.uri_extension, to_json(before), to_json(after)));
  return after;
}

Status Endpoints::remove(const std::string& uri_extension, bool force) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_TRY(const auto endpoint, scope.endpoint(uri_extension));
  SCEPTER_CHECK(scope.require_mrao("delete endpoints"));
  SCEPTER_TRY(const auto before, view_of(endpoint));
  SCEPTER_TRY(const long long accounts, store.count_accounts(endpoint.id));
  SCEPTER_TRY(const long long certificates, store.count_certificates(endpoint.id));
  SCEPTER_TRY(const auto pending, store.list_pending(endpoint.id));
  if ((accounts > 0 || certificates > 0 || !pending.empty()) && !force) {
    return fail(conflict_on("endpoint", "endpoint '" + uri_extension + "' has " +
                                            std::to_string(accounts) + " account(s), " +
                                            std::to_string(certificates) + " certificate(s) and " +
                                            std::to_string(pending.size()) +
                                            " pending request(s); delete it with force"));
  }
  SCEPTER_CHECK(store.delete_endpoint(endpoint.id));
  return record_audit(workspace_, actor_, "endpoint.delete", "endpoint:" + uri_extension,
                      to_json(before), nullptr);
}

}  // namespace scepter::admin
