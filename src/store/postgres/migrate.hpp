#pragma once
// Brings a PostgreSQL database up to the newest embedded schema. Several nodes may start at
// once: the whole run holds a session advisory lock, so one migrates and the others then find
// the work done.

#include <vector>

#include "core/error.hpp"
#include "store/migrations.hpp"
#include "store/postgres/connection.hpp"

namespace scepter::store::postgres {

// The database's schema_version; 0 when it has none yet.
Result<int> schema_version(Connection& connection);

// Applies, in ascending order and each in its own transaction, every migration newer than the
// database's schema_version, translated by dialect.hpp. Refuses (category store) a schema newer
// than the newest migration given: this build does not know it.
Result<SchemaChange> apply_migrations(Connection& connection,
                                      const std::vector<Migration>& migrations);

// Without migrating: store error unless the schema is exactly the newest one given, telling the
// operator to run `scepter migrate` (older) or to upgrade scepter (newer).
Status require_current_schema(Connection& connection, const std::vector<Migration>& migrations);

}  // namespace scepter::store::postgres
