#include "admin/principal.hpp"

namespace scepter::admin {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::mrao:
      return "mrao";
    case Role::rao:
      return "rao";
    case Role::drao:
      return "drao";
  }
  return "unknown";
}

Result<Role> parse_role(std::string_view text) {
  for (Role role : {Role::mrao, Role::rao, Role::drao}) {
    if (text == to_string(role)) return role;
  }
  return fail(invalid_field("role", "role must be mrao, rao or drao"));
}

}  // namespace scepter::admin
