// Organizations, departments and certificate profiles.
#include "admin/json.hpp"
#include "admin/organizations.hpp"
#include "admin/profiles.hpp"
#include "http/rest_routes.hpp"
#include "http/rest_support.hpp"

namespace scepter::http {
namespace {

const std::vector<std::string> kOrganizationColumns = {"id", "name"};
const std::vector<std::string> kDepartmentColumns = {"id", "name", "organization"};
const std::vector<std::string> kProfileColumns = {"id", "name", "cert_type", "requires_approval"};

const std::vector<BodyMember> kNewName = {{"name", "string", "the new name", true}};

const std::vector<BodyMember> kProfileMembers = {
    {"name", "string", "name of the profile", true},
    {"cert_type", "string", "client or device; fixed once created", true},
    {"key_types", "array", "key types accepted: rsa, ec (default both)", false, "string"},
    {"min_rsa_bits", "integer", "smallest RSA key accepted (default 2048)"},
    {"min_ec_bits", "integer", "smallest EC key accepted (default 256)"},
    {"terms_days", "array", "validity periods in days accounts may choose (default [365])", false,
     "integer"},
    {"key_usage", "array", "key usage names; default: those of the certificate type", false,
     "string"},
    {"extended_key_usage", "array",
     "extended key usage names; default: those of the certificate type", false, "string"},
    {"san_types", "array", "subject alternative name types accepted: dns, email, uri, ip, upn",
     false, "string"},
    {"subject_attributes", "array", "subject attributes accepted, e.g. CN, O, OU", false, "string"},
    {"requires_approval", "boolean", "requests wait for an admin's approval (default false)"},
};

Result<Response> list_organizations(RestCall& call) {
  SCEPTER_TRY(const auto orgs, admin::Organizations(call.workspace, call.actor).list());
  return list_response(call, admin::to_json(orgs), kOrganizationColumns);
}

Result<Response> create_organization(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  SCEPTER_TRY(const auto name, JsonFields(body).required_string("name"));
  SCEPTER_TRY(const auto org, admin::Organizations(call.workspace, call.actor).add(name));
  return json_response(201, admin::to_json(org));
}

Result<Response> rename_organization(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  SCEPTER_TRY(const auto name, JsonFields(body).required_string("name"));
  SCEPTER_TRY(const auto org, admin::Organizations(call.workspace, call.actor)
                                  .rename(call.path_parameter("organization"), name));
  return json_response(200, admin::to_json(org));
}

Result<Response> delete_organization(RestCall& call) {
  SCEPTER_CHECK(
      admin::Organizations(call.workspace, call.actor).remove(call.path_parameter("organization")));
  return no_content();
}

Result<Response> list_departments(RestCall& call) {
  SCEPTER_TRY(const auto departments,
              admin::Organizations(call.workspace, call.actor).list_departments(std::nullopt));
  return list_response(call, admin::to_json(departments), kDepartmentColumns);
}

Result<Response> create_department(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  JsonFields fields(body);
  SCEPTER_TRY(const auto organization, fields.required_string("organization"));
  SCEPTER_TRY(const auto name, fields.required_string("name"));
  SCEPTER_TRY(const auto department,
              admin::Organizations(call.workspace, call.actor).add_department(organization, name));
  return json_response(201, admin::to_json(department));
}

Result<Response> rename_department(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  SCEPTER_TRY(const auto name, JsonFields(body).required_string("name"));
  admin::Organizations organizations(call.workspace, call.actor);
  SCEPTER_TRY(const auto department,
              organizations.department_by_id(call.path_parameter("department_id")));
  SCEPTER_TRY(const auto renamed,
              organizations.rename_department(department.organization, department.name, name));
  return json_response(200, admin::to_json(renamed));
}

Result<Response> delete_department(RestCall& call) {
  admin::Organizations organizations(call.workspace, call.actor);
  SCEPTER_TRY(const auto department,
              organizations.department_by_id(call.path_parameter("department_id")));
  SCEPTER_CHECK(organizations.remove_department(department.organization, department.name));
  return no_content();
}

Result<Response> list_profiles(RestCall& call) {
  SCEPTER_TRY(const auto profiles, admin::Profiles(call.workspace, call.actor).list());
  return list_response(call, admin::to_json(profiles), kProfileColumns);
}

Result<admin::ProfileInput> profile_input(const nlohmann::json& body) {
  JsonFields fields(body);
  admin::ProfileInput input;
  SCEPTER_TRY(input.name, fields.required_string("name"));
  SCEPTER_TRY(input.cert_type, fields.required_string("cert_type"));
  SCEPTER_TRY(const auto key_types, fields.optional_strings("key_types"));
  if (key_types) input.key_types = *key_types;
  SCEPTER_TRY(const auto min_rsa_bits, fields.optional_int("min_rsa_bits"));
  if (min_rsa_bits) input.min_rsa_bits = *min_rsa_bits;
  SCEPTER_TRY(const auto min_ec_bits, fields.optional_int("min_ec_bits"));
  if (min_ec_bits) input.min_ec_bits = *min_ec_bits;
  SCEPTER_TRY(const auto terms_days, fields.optional_ints("terms_days"));
  if (terms_days) input.terms_days = *terms_days;
  SCEPTER_TRY(input.key_usage, fields.optional_strings("key_usage"));
  SCEPTER_TRY(input.extended_key_usage, fields.optional_strings("extended_key_usage"));
  SCEPTER_TRY(const auto san_types, fields.optional_strings("san_types"));
  if (san_types) input.san_types = *san_types;
  SCEPTER_TRY(const auto subject_attributes, fields.optional_strings("subject_attributes"));
  if (subject_attributes) input.subject_attributes = *subject_attributes;
  SCEPTER_TRY(const auto requires_approval, fields.optional_bool("requires_approval"));
  input.requires_approval = requires_approval.value_or(false);
  return input;
}

Result<Response> create_profile(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  SCEPTER_TRY(const auto input, profile_input(body));
  SCEPTER_TRY(const auto profile, admin::Profiles(call.workspace, call.actor).add(input));
  return json_response(201, admin::to_json(profile));
}

Result<Response> update_profile(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  JsonFields fields(body);
  admin::ProfileChanges changes;
  SCEPTER_TRY(changes.name, fields.optional_string("name"));
  SCEPTER_TRY(changes.cert_type, fields.optional_string("cert_type"));
  SCEPTER_TRY(changes.key_types, fields.optional_strings("key_types"));
  SCEPTER_TRY(changes.min_rsa_bits, fields.optional_int("min_rsa_bits"));
  SCEPTER_TRY(changes.min_ec_bits, fields.optional_int("min_ec_bits"));
  SCEPTER_TRY(changes.terms_days, fields.optional_ints("terms_days"));
  SCEPTER_TRY(changes.key_usage, fields.optional_strings("key_usage"));
  SCEPTER_TRY(changes.extended_key_usage, fields.optional_strings("extended_key_usage"));
  SCEPTER_TRY(changes.san_types, fields.optional_strings("san_types"));
  SCEPTER_TRY(changes.subject_attributes, fields.optional_strings("subject_attributes"));
  SCEPTER_TRY(changes.requires_approval, fields.optional_bool("requires_approval"));
  SCEPTER_TRY(
      const auto profile,
      admin::Profiles(call.workspace, call.actor).update(call.path_parameter("profile"), changes));
  return json_response(200, admin::to_json(profile));
}

Result<Response> delete_profile(RestCall& call) {
  SCEPTER_CHECK(admin::Profiles(call.workspace, call.actor).remove(call.path_parameter("profile")));
  return no_content();
}

Result<Response> show_profile(RestCall& call) {
  SCEPTER_TRY(const auto profile,
              admin::Profiles(call.workspace, call.actor).show(call.path_parameter("profile")));
  return json_response(200, admin::to_json(profile));
}

}  // namespace

std::vector<RestRoute> tenant_routes() {
  const std::string base(kApiPrefix);
  return {
      {.method = "GET",
       .path = base + "/organizations",
       .summary = "List the organizations in scope",
       .handler = list_organizations,
       .query = list_parameters(kOrganizationColumns)},
      {.method = "POST",
       .path = base + "/organizations",
       .summary = "Create an organization (MRAO)",
       .handler = create_organization,
       .body = {{"name", "string", "name of the organization", true}},
       .success_status = 201},
      {.method = "PATCH",
       .path = base + "/organizations/{organization}",
       .summary = "Rename an organization (MRAO): {name}",
       .handler = rename_organization,
       .body = kNewName},
      {.method = "DELETE",
       .path = base + "/organizations/{organization}",
       .summary = "Delete an organization (MRAO); refused while anything refers to it",
       .handler = delete_organization,
       .success_status = 204},
      {.method = "GET",
       .path = base + "/departments",
       .summary = "List the departments in scope",
       .handler = list_departments,
       .query = list_parameters(kDepartmentColumns)},
      {.method = "POST",
       .path = base + "/departments",
       .summary = "Create a department (MRAO, or the RAO of its organization)",
       .handler = create_department,
       .body = {{"organization", "string", "the organization it belongs to", true},
                {"name", "string", "name of the department", true}},
       .success_status = 201},
      {.method = "PATCH",
       .path = base + "/departments/{department_id}",
       .summary = "Rename a department (MRAO, or the RAO of its organization): {name}",
       .handler = rename_department,
       .body = kNewName},
      {.method = "DELETE",
       .path = base + "/departments/{department_id}",
       .summary = "Delete a department (MRAO, or the RAO of its organization); refused while "
                  "accounts, endpoints, admins or delegations refer to it",
       .handler = delete_department,
       .success_status = 204},
      {.method = "GET",
       .path = base + "/profiles",
       .summary = "List certificate profiles",
       .handler = list_profiles,
       .query = list_parameters(kProfileColumns)},
      {.method = "POST",
       .path = base + "/profiles",
       .summary = "Create a certificate profile (MRAO)",
       .handler = create_profile,
       .body = kProfileMembers,
       .success_status = 201},
      {.method = "GET",
       .path = base + "/profiles/{profile}",
       .summary = "Show a certificate profile",
       .handler = show_profile},
      {.method = "PATCH",
       .path = base + "/profiles/{profile}",
       .summary = "Change a certificate profile (MRAO); cert_type is fixed, terms in use and "
                  "approval under Intune endpoints are kept",
       .handler = update_profile,
       .body = all_optional(kProfileMembers)},
      {.method = "DELETE",
       .path = base + "/profiles/{profile}",
       .summary = "Delete a certificate profile (MRAO); refused while accounts or endpoints use it",
       .handler = delete_profile,
       .success_status = 204},
  };
}

}  // namespace scepter::http
