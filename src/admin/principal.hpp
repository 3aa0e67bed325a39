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

// The local CLI runs with the rights of whoever can read the data directory: all of them.
inline Principal local_mrao(std::string name) {
  return Principal{.name = std::move(name), .role = Role::mrao};
}

}  // namespace scepter::admin
