#pragma once
// Certificate profiles: what an issued certificate looks like and which requests qualify.

#include <optional>
#include <string>
#include <vector>

#include "admin/audit.hpp"
#include "admin/workspace.hpp"

namespace scepter::admin {

struct ProfileInput {
  std::string name{};
  std::string cert_type{};  // "client" | "device"
  std::vector<std::string> key_types = {"rsa", "ec"};
  int min_rsa_bits = 2048;
  int min_ec_bits = 256;
  std::vector<int> terms_days = {365};
  // Names as in admin/usages.hpp; absent means ca::default_key_usage / _extended_key_usage of
  // the certificate type.
  std::optional<std::vector<std::string>> key_usage{};
  std::optional<std::vector<std::string>> extended_key_usage{};
  std::vector<std::string> san_types = {"dns", "email", "uri", "ip", "upn"};
  std::vector<std::string> subject_attributes = {"CN", "O", "OU",           "C",
                                                 "ST", "L", "emailAddress", "serialNumber"};
  bool requires_approval = false;
};

// Absent fields stay as they are.
struct ProfileChanges {
  std::optional<std::string> name{};
  std::optional<std::string> cert_type{};  // fixed at creation: a different value is invalid
  std::optional<std::vector<std::string>> key_types{};
  std::optional<int> min_rsa_bits{};
  std::optional<int> min_ec_bits{};
  std::optional<std::vector<int>> terms_days{};
  std::optional<std::vector<std::string>> key_usage{};
  std::optional<std::vector<std::string>> extended_key_usage{};
  std::optional<std::vector<std::string>> san_types{};
  std::optional<std::vector<std::string>> subject_attributes{};
  std::optional<bool> requires_approval{};
};

inline constexpr int kMaxTermDays = 3650;

class Profiles {
 public:
  Profiles(Workspace& workspace, Actor actor) : workspace_(workspace), actor_(std::move(actor)) {}

  // invalid (with field) for any rule broken; conflict when the name is taken.
  Result<store::Profile> add(const ProfileInput& input);
  Result<std::vector<store::Profile>> list();
  Result<store::Profile> show(const std::string& name);
  // MRAO only; the rules of add() apply to the result. Refused (conflict) when it would break a
  // current user: dropping a term that an account or Intune endpoint issues with (field
  // "terms_days"), or requiring approval while an Intune endpoint uses it ("requires_approval").
  // New rules on keys and names apply to the next requests only.
  Result<store::Profile> update(const std::string& name, const ProfileChanges& changes);
  // MRAO only. conflict (field "profile") naming the accounts and endpoints that use it.
  Status remove(const std::string& name);

 private:
  Workspace& workspace_;
  Actor actor_;
};

// The checks an endpoint or account makes on its profile and term.
Status check_profile_fits(const store::Profile& profile, std::string_view cert_type);
Status check_term(const store::Profile& profile, int term_days);

}  // namespace scepter::admin
