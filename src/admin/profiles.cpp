#include "admin/profiles.hpp"

#include <algorithm>

#include "admin/json.hpp"
#include "admin/lookup.hpp"
#include "admin/references.hpp"
#include "admin/scope.hpp"
#include "admin/usages.hpp"
#include "admin/validation.hpp"
#include "ca/policy.hpp"

namespace scepter::admin {
namespace {

template <class T>
std::vector<T> sorted_unique(std::vector<T> values) {
  std::ranges::sort(values);
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

Result<std::vector<std::string>> subset_of(std::string_view field,
                                           const std::vector<std::string>& values,
                                           std::initializer_list<std::string_view> allowed,
                                           bool may_be_empty) {
  if (values.empty() && !may_be_empty) {
    return fail(invalid_field(std::string(field), std::string(field) + " must not be empty"));
  }
  for (const auto& value : values) SCEPTER_CHECK(check_one_of(field, value, allowed));
  return sorted_unique(values);
}

Result<std::vector<int>> checked_terms(std::vector<int> terms) {
  if (terms.empty()) return fail(invalid_field("terms_days", "at least one term is required"));
  for (int term : terms) {
    if (term < 1 || term > kMaxTermDays) {
      return fail(invalid_field("terms_days",
                                "terms must be 1 to " + std::to_string(kMaxTermDays) + " days"));
    }
  }
  return sorted_unique(std::move(terms));
}

Result<store::Profile> profile_from(const ProfileInput& input) {
  SCEPTER_CHECK(check_name("name", input.name));
  SCEPTER_CHECK(check_one_of("cert_type", input.cert_type, {"client", "device"}));
  store::Profile profile;
  profile.name = input.name;
  profile.cert_type = input.cert_type;
  SCEPTER_TRY(profile.key_types, subset_of("key_types", input.key_types, {"rsa", "ec"}, false));
  if (input.min_rsa_bits < 2048 || input.min_rsa_bits > 8192) {
    return fail(invalid_field("min_rsa_bits", "min_rsa_bits must be 2048 to 8192"));
  }
  SCEPTER_CHECK(
      check_one_of("min_ec_bits", std::to_string(input.min_ec_bits), {"256", "384", "521"}));
  profile.min_rsa_bits = input.min_rsa_bits;
  profile.min_ec_bits = input.min_ec_bits;
  SCEPTER_TRY(profile.terms_days, checked_terms(input.terms_days));

  if (input.key_usage) {
    SCEPTER_TRY(profile.key_usage, parse_key_usage(*input.key_usage));
    if (profile.key_usage == 0) {
      return fail(invalid_field("key_usage", "key_usage must not be empty"));
    }
  } else {
    profile.key_usage = ca::default_key_usage(input.cert_type);
  }
  if (input.extended_key_usage) {
    for (const auto& usage : *input.extended_key_usage) {
      SCEPTER_TRY(auto oid, parse_extended_key_usage(usage));
      profile.extended_key_usage.push_back(std::move(oid));
    }
    profile.extended_key_usage = sorted_unique(std::move(profile.extended_key_usage));
  } else {
    profile.extended_key_usage = ca::default_extended_key_usage(input.cert_type);
  }
  SCEPTER_TRY(profile.san_types,
              subset_of("san_types", input.san_types, {"dns", "email", "uri", "ip", "upn"}, true));
  SCEPTER_TRY(profile.subject_attributes,
              subset_of("subject_attributes", input.subject_attributes,
                        {"CN", "O", "OU", "C", "ST", "L", "street", "DC", "UID", "emailAddress",
                         "serialNumber", "title", "GN", "SN"},
                        false));
  profile.requires_approval = input.requires_approval;
  return profile;
}

Status check_name_free(store::Store& store, const std::string& name) {
  SCEPTER_TRY(const bool taken, exists(store.find_profile(name)));
  if (taken) return fail(conflict_on("name", "profile '" + name + "' already exists"));
  return {};
}

// The profile's current rules with the changes on top, as add() takes them.
ProfileInput merged(const store::Profile& current, const ProfileChanges& changes) {
  return {.name = changes.name.value_or(current.name),
          .cert_type = current.cert_type,
          .key_types = changes.key_types.value_or(current.key_types),
          .min_rsa_bits = changes.min_rsa_bits.value_or(current.min_rsa_bits),
          .min_ec_bits = changes.min_ec_bits.value_or(current.min_ec_bits),
          .terms_days = changes.terms_days.value_or(current.terms_days),
          .key_usage = changes.key_usage.value_or(key_usage_names(current.key_usage)),
          .extended_key_usage = changes.extended_key_usage.value_or(current.extended_key_usage),
          .san_types = changes.san_types.value_or(current.san_types),
          .subject_attributes = changes.subject_attributes.value_or(current.subject_attributes),
          .requires_approval = changes.requires_approval.value_or(current.requires_approval)};
}

// Accounts and Intune endpoints keep the term they were given; an Intune endpoint cannot wait for
// an approval (see apply_intune_profile in admin/endpoints.cpp).
Status check_users_keep_working(const store::Profile& updated,
                                const std::vector<ProfileUse>& uses) {
  std::vector<std::string> lost_term, intune;
  for (const auto& use : uses) {
    if (std::ranges::find(updated.terms_days, use.term_days) == updated.terms_days.end()) {
      lost_term.push_back(use.user + " (" + std::to_string(use.term_days) + " days)");
    }
    if (use.intune) intune.push_back(use.user);
  }
  if (!lost_term.empty()) {
    return fail(conflict_on("terms_days", "terms_days drops a term still used by " +
                                              listing(lost_term) +
                                              "; keep the term or change them first"));
  }
  if (updated.requires_approval && !intune.empty()) {
    return fail(conflict_on("requires_approval",
                            "the profile cannot require approval while " + listing(intune) +
                                " use(s) it: Intune cannot wait for an approval"));
  }
  return {};
}

}  // namespace

Result<store::Profile> Profiles::add(const ProfileInput& input) {
  SCEPTER_CHECK(Scope(workspace_.store(), actor_.principal).require_mrao("create profiles"));
  SCEPTER_TRY(auto profile, profile_from(input));
  auto& store = workspace_.store();
  SCEPTER_CHECK(check_name_free(store, profile.name));
  profile.created_at = workspace_.now();
  SCEPTER_TRY(profile, store.create_profile(profile));
  SCEPTER_CHECK(record_audit(workspace_, actor_, "profile.create", "profile:" + profile.name,
                             nullptr, to_json(profile)));
  return profile;
}

Result<std::vector<store::Profile>> Profiles::list() {
  return workspace_.store().list_profiles();
}

Result<store::Profile> Profiles::show(const std::string& name) {
  return profile_named(workspace_.store(), name);
}

Result<store::Profile> Profiles::update(const std::string& name, const ProfileChanges& changes) {
  auto& store = workspace_.store();
  SCEPTER_TRY(const auto current, profile_named(store, name));
  SCEPTER_CHECK(Scope(store, actor_.principal).require_mrao("change profiles"));
  if (changes.cert_type && *changes.cert_type != current.cert_type) {
    return fail(invalid_field("cert_type", "cert_type cannot be changed once the profile exists"));
  }
  SCEPTER_TRY(auto updated, profile_from(merged(current, changes)));
  if (updated.name != current.name) SCEPTER_CHECK(check_name_free(store, updated.name));
  SCEPTER_TRY(const auto uses, uses_of_profile(store, current.id));
  SCEPTER_CHECK(check_users_keep_working(updated, uses));
  updated.id = current.id;
  updated.created_at = current.created_at;
  const auto before = to_json(current);
  if (to_json(updated) == before) return current;  // nothing changes, nothing to audit
  SCEPTER_TRY(updated, store.update_profile(updated));
  SCEPTER_CHECK(record_audit(workspace_, actor_, "profile.update", "profile:" + current.name,
                             before, to_json(updated)));
  return updated;
}

Status Profiles::remove(const std::string& name) {
  auto& store = workspace_.store();
  SCEPTER_TRY(const auto profile, profile_named(store, name));
  SCEPTER_CHECK(Scope(store, actor_.principal).require_mrao("delete profiles"));
  SCEPTER_TRY(const auto uses, uses_of_profile(store, profile.id));
  if (!uses.empty()) {
    std::vector<std::string> users;
    for (const auto& use : uses) users.push_back(use.user);
    return fail(conflict_on("profile", "profile '" + profile.name + "' is still used by " +
                                           listing(users) + "; change or delete them first"));
  }
  SCEPTER_CHECK(store.delete_profile(profile.id));
  return record_audit(workspace_, actor_, "profile.delete", "profile:" + profile.name,
                      to_json(profile), nullptr);
}

Status check_profile_fits(const store::Profile& profile, std::string_view cert_type) {
  if (profile.cert_type == cert_type) return {};
  return fail(invalid_field("profile", "profile '" + profile.name + "' issues " +
                                           profile.cert_type + " certificates, not " +
                                           std::string(cert_type)));
}

Status check_term(const store::Profile& profile, int term_days) {
  if (std::ranges::find(profile.terms_days, term_days) != profile.terms_days.end()) return {};
  std::string allowed;
  for (int term : profile.terms_days) {
    if (!allowed.empty()) allowed += ", ";
    allowed += std::to_string(term);
  }
  return fail(invalid_field("term", "term must be one of the profile's terms: " + allowed));
}

}  // namespace scepter::admin
