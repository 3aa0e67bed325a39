#pragma once

#include <string_view>
#include <vector>

namespace scepter::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// What applying migrations did: the schema version before and after (equal when none applied).
struct SchemaChange {
  int from = 0;
  int to = 0;
};

// migrations/NNNN_name.sql, embedded at build time, ascending by version.
const std::vector<Migration>& migrations();

}  // namespace scepter::store
