// Organizations, departments and certificate profiles.
#include <span>

#include "store/list_codec.hpp"
#include "store/sql/sql_store_impl.hpp"
#include "store/sql/statements.hpp"

namespace scepter::store::sql {
namespace {

#define ORGANIZATION_SELECT "SELECT id, name, created_at FROM organizations"

Result<Organization> read_organization(const Query& q) {
  return Organization{.id = q.integer(0), .name = q.text(1), .created_at = q.integer(2)};
}

#define DEPARTMENT_SELECT "SELECT id, organization_id, name, created_at FROM departments"

Result<Department> read_department(const Query& q) {
  return Department{.id = q.integer(0),
                    .organization_id = q.integer(1),
                    .name = q.text(2),
                    .created_at = q.integer(3)};
}

#define PROFILE_SELECT                                                                \
  "SELECT id, name, cert_type, key_types, min_rsa_bits, min_ec_bits, terms_days, "    \
  "key_usage, extended_key_usage, san_types, subject_attributes, requires_approval, " \
  "created_at FROM certificate_profiles"

Result<Profile> read_profile(const Query& q) {
  Profile profile;
  profile.id = q.integer(0);
  profile.name = q.text(1);
  profile.cert_type = q.text(2);
  profile.min_rsa_bits = static_cast<int>(q.integer(4));
  profile.min_ec_bits = static_cast<int>(q.integer(5));
  profile.key_usage = static_cast<unsigned>(q.integer(7));
  profile.requires_approval = q.integer(11) != 0;
  profile.created_at = q.integer(12);
  SCEPTER_TRY(profile.key_types, decode_string_list(q.text(3)));
  SCEPTER_TRY(profile.terms_days, decode_int_list(q.text(6)));
  SCEPTER_TRY(profile.extended_key_usage, decode_string_list(q.text(8)));
  SCEPTER_TRY(profile.san_types, decode_string_list(q.text(9)));
  SCEPTER_TRY(profile.subject_attributes, decode_string_list(q.text(10)));
  return profile;
}

// A kind of row that keeps an organization, department or profile from being deleted.
struct Reference {
  const char* count_sql;  // SELECT COUNT(*) ... WHERE <column> = ?
  const char* noun;
};

// conflict naming every kind of row that still refers to `id`, so the admin knows what to move.
Status refuse_while_referenced(Connection& c, std::string_view what, Id id,
                               std::span<const Reference> references) {
  std::string users;
  for (const Reference& reference : references) {
    SCEPTER_TRY(long long count, select_integer(c, reference.count_sql, id));
    if (count == 0) continue;
    if (!users.empty()) users += ", ";
    users += std::to_string(count) + " " + reference.noun + (count == 1 ? "" : "s");
  }
  if (users.empty()) return {};
  return fail(ErrorCategory::conflict, std::string(what) + " is still used by " + users);
}

constexpr Reference kOrganizationReferences[] = {
    {"SELECT COUNT(*) FROM departments WHERE organization_id = ?", "department"},
    {"SELECT COUNT(*) FROM accounts WHERE organization_id = ?", "account"},
    {"SELECT COUNT(*) FROM endpoints WHERE organization_id = ?", "endpoint"},
    {"SELECT COUNT(*) FROM admins WHERE organization_id = ?", "administrator"},
    {"SELECT COUNT(*) FROM endpoint_delegations WHERE organization_id = ?", "endpoint delegation"},
    {"SELECT COUNT(*) FROM azure_account_delegations WHERE organization_id = ?",
     "Azure account delegation"},
};

constexpr Reference kDepartmentReferences[] = {
    {"SELECT COUNT(*) FROM accounts WHERE department_id = ?", "account"},
    {"SELECT COUNT(*) FROM endpoints WHERE department_id = ?", "endpoint"},
    {"SELECT COUNT(*) FROM admins WHERE department_id = ?", "administrator"},
    {"SELECT COUNT(*) FROM endpoint_delegations WHERE department_id = ?", "endpoint delegation"},
    {"SELECT COUNT(*) FROM azure_account_delegations WHERE department_id = ?",
     "Azure account delegation"},
};

constexpr Reference kProfileReferences[] = {
    {"SELECT COUNT(*) FROM accounts WHERE profile_id = ?", "account"},
    {"SELECT COUNT(*) FROM endpoints WHERE profile_id = ?", "endpoint"},
};

}  // namespace

Result<Organization> SqlStore::create_organization(const Organization& org) {
  return config_write([&](Connection& c) -> Result<Organization> {
    Organization created = org;
    SCEPTER_TRY(created.id,
                insert(c, "INSERT INTO organizations (name, created_at) VALUES (?, ?) RETURNING id",
                       org.name, org.created_at));
    return created;
  });
}

Result<Organization> SqlStore::get_organization(Id id) {
  return read([&](Connection& c) {
    return select_one(c, "organization", read_organization, ORGANIZATION_SELECT " WHERE id = ?",
                      id);
  });
}

Result<Organization> SqlStore::find_organization(const std::string& name) {
  return read([&](Connection& c) {
    return select_one(c, "organization", read_organization, ORGANIZATION_SELECT " WHERE name = ?",
                      name);
  });
}

Result<std::vector<Organization>> SqlStore::list_organizations() {
  return read([&](Connection& c) {
    return select_all(c, read_organization, ORGANIZATION_SELECT " ORDER BY id");
  });
}

Result<Organization> SqlStore::rename_organization(Id id, const std::string& name) {
  return config_write([&](Connection& c) -> Result<Organization> {
    SCEPTER_TRY(long long renamed,
                execute(c, "UPDATE organizations SET name = ? WHERE id = ?", name, id));
    SCEPTER_CHECK(expect_found(renamed, "organization"));
    return select_one(c, "organization", read_organization, ORGANIZATION_SELECT " WHERE id = ?",
                      id);
  });
}

Status SqlStore::delete_organization(Id id) {
  return config_write([&](Connection& c) -> Status {
    SCEPTER_CHECK(refuse_while_referenced(c, "the organization", id, kOrganizationReferences));
    SCEPTER_TRY(long long deleted, execute(c, "DELETE FROM organizations WHERE id = ?", id));
    SCEPTER_CHECK(expect_found(deleted, "organization"));
    return {};
  });
}

Result<Department> SqlStore::create_department(const Department& dept) {
  return config_write([&](Connection& c) -> Result<Department> {
    Department created = dept;
    SCEPTER_TRY(created.id, insert(c,
                                   "INSERT INTO departments (organization_id, name, created_at) "
                                   "VALUES (?, ?, ?) RETURNING id",
                                   dept.organization_id, dept.name, dept.created_at));
    return created;
  });
}

Result<Department> SqlStore::get_department(Id id) {
  return read([&](Connection& c) {
    return select_one(c, "department", read_department, DEPARTMENT_SELECT " WHERE id = ?", id);
  });
}

Result<Department> SqlStore::find_department(Id organization_id, const std::string& name) {
  return read([&](Connection& c) {
    return select_one(c, "department", read_department,
                      DEPARTMENT_SELECT " WHERE organization_id = ? AND name = ?", organization_id,
                      name);
  });
}

Result<std::vector<Department>> SqlStore::list_departments(std::optional<Id> organization_id) {
  return read([&](Connection& c) {
    if (!organization_id) return select_all(c, read_department, DEPARTMENT_SELECT " ORDER BY id");
    return select_all(c, read_department,
                      DEPARTMENT_SELECT " WHERE organization_id = ? ORDER BY id", *organization_id);
  });
}

Result<Department> SqlStore::rename_department(Id id, const std::string& name) {
  return config_write([&](Connection& c) -> Result<Department> {
    SCEPTER_TRY(long long renamed,
                execute(c, "UPDATE departments SET name = ? WHERE id = ?", name, id));
    SCEPTER_CHECK(expect_found(renamed, "department"));
    return select_one(c, "department", read_department, DEPARTMENT_SELECT " WHERE id = ?", id);
  });
}

Status SqlStore::delete_department(Id id) {
  return config_write([&](Connection& c) -> Status {
    SCEPTER_CHECK(refuse_while_referenced(c, "the department", id, kDepartmentReferences));
    SCEPTER_TRY(long long deleted, execute(c, "DELETE FROM departments WHERE id = ?", id));
    SCEPTER_CHECK(expect_found(deleted, "department"));
    return {};
  });
}

Result<Profile> SqlStore::create_profile(const Profile& profile) {
  return config_write([&](Connection& c) -> Result<Profile> {
    Profile created = profile;
    SCEPTER_TRY(
        created.id,
        insert(c,
               "INSERT INTO certificate_profiles (name, cert_type, key_types, min_rsa_bits, "
               "min_ec_bits, terms_days, key_usage, extended_key_usage, san_types, "
               "subject_attributes, requires_approval, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               profile.name, profile.cert_type, encode_list(profile.key_types),
               profile.min_rsa_bits, profile.min_ec_bits, encode_list(profile.terms_days),
               profile.key_usage, encode_list(profile.extended_key_usage),
               encode_list(profile.san_types), encode_list(profile.subject_attributes),
               profile.requires_approval, profile.created_at));
    return created;
  });
}

Result<Profile> SqlStore::get_profile(Id id) {
  return read([&](Connection& c) {
    return select_one(c, "profile", read_profile, PROFILE_SELECT " WHERE id = ?", id);
  });
}

Result<Profile> SqlStore::find_profile(const std::string& name) {
  return read([&](Connection& c) {
    return select_one(c, "profile", read_profile, PROFILE_SELECT " WHERE name = ?", name);
  });
}

Result<std::vector<Profile>> SqlStore::list_profiles() {
  return read(
      [&](Connection& c) { return select_all(c, read_profile, PROFILE_SELECT " ORDER BY id"); });
}

Result<Profile> SqlStore::update_profile(const Profile& profile) {
  return config_write([&](Connection& c) -> Result<Profile> {
    SCEPTER_TRY(long long updated,
                execute(c,
                        "UPDATE certificate_profiles SET name = ?, cert_type = ?, key_types = ?, "
                        "min_rsa_bits = ?, min_ec_bits = ?, terms_days = ?, key_usage = ?, "
                        "extended_key_usage = ?, san_types = ?, subject_attributes = ?, "
                        "requires_approval = ? WHERE id = ?",
                        profile.name, profile.cert_type, encode_list(profile.key_types),
                        profile.min_rsa_bits, profile.min_ec_bits, encode_list(profile.terms_days),
                        profile.key_usage, encode_list(profile.extended_key_usage),
                        encode_list(profile.san_types), encode_list(profile.subject_attributes),
                        profile.requires_approval, profile.id));
    SCEPTER_CHECK(expect_found(updated, "profile"));
    return select_one(c, "profile", read_profile, PROFILE_SELECT " WHERE id = ?", profile.id);
  });
}

Status SqlStore::delete_profile(Id id) {
  return config_write([&](Connection& c) -> Status {
    SCEPTER_CHECK(refuse_while_referenced(c, "the profile", id, kProfileReferences));
    SCEPTER_TRY(long long deleted, execute(c, "DELETE FROM certificate_profiles WHERE id = ?", id));
    SCEPTER_CHECK(expect_found(deleted, "profile"));
    return {};
  });
}

}  // namespace scepter::store::sql
