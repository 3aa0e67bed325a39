#pragma once
// Chooses the store from configuration's `database`: a postgresql:// (or postgres://) URI opens
// the PostgreSQL store; "sqlite:PATH" or a plain path opens the SQLite file.

#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace scepter::store {

struct OpenOptions {
  // PostgreSQL only: apply pending migrations at open instead of refusing an older schema.
  // SQLite always migrates (one node owns the file). A newer schema is refused either way.
  bool migrate_postgres = false;
};

bool is_postgres_location(std::string_view database);

Result<std::unique_ptr<Store>> open_store(const std::string& database,
                                          const OpenOptions& options = {});

// Applies pending migrations (`scepter migrate`), reporting the versions before and after.
Result<SchemaChange> migrate_store(const std::string& database);

// A location fit for logs: a URI's password is masked.
std::string describe_location(std::string_view database);

}  // namespace scepter::store
