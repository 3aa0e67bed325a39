#pragma once
// Who is acting, as the role model sees it: an MRAO manages everything, an RAO one organization,
// a DRAO one department.

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "store/records.hpp"

namespace scepter::admin {

enum class Role { mrao, rao, drao };

std::string_view to_string(Role role);
// invalid (field "role") for anything but "mrao", "rao" or "drao".
Result<Role> parse_role(std::string_view text);

struct Principal {
  store::Id admin_id = 0;  // 0: not an admin of the database (the local CLI)
  std::string name{};
  Role role = Role::mrao;
  std::optional<store::Id> organization_id{};  // rao and drao
  std::optional<store::Id> department_id{};    // drao
};

// Whoever can read the data directory (the local CLI, the server's own set-up) holds the master
// key and the database: all rights. Call sites say so explicitly.
inline Principal local_mrao(std::string name) {
  return Principal{.name = std::move(name), .role = Role::mrao};
}

// Before authentication: an RAO of no organization, who sees no tenant and passes no MRAO
// check. Only the routes that need no authentication (logging in) run with it.
inline Principal unauthenticated() {
  return Principal{.name = "anonymous", .role = Role::rao};
}

}  // namespace scepter::admin
