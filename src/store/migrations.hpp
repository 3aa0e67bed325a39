#pragma once

#include <string_view>
#include <vector>

namespace scepter::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// migrations/NNNN_name.sql, embedded at build time, ascending by version.
const std::vector<Migration>& migrations();

}  // namespace scepter::store
