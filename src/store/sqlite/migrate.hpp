#pragma once
// Brings a database up to the newest embedded schema. Safe when several processes open the
// same file at once: each migration is checked and applied under SQLite's write lock.

#include <vector>

#include "core/error.hpp"
#include "store/migrations.hpp"
#include "store/sqlite/connection.hpp"

namespace scepter::store::sqlite {

// Applies, in ascending order and each in its own transaction, every migration newer than the
// database's schema_version. Refuses (category store) a database whose schema is newer than
// the newest migration given: this build does not know that schema.
Status apply_migrations(Connection& connection, const std::vector<Migration>& migrations);

}  // namespace scepter::store::sqlite
