#pragma once
// The SQLite Store: one database file in WAL mode, shared safely by the server's handler threads
// and by other processes (the CLI) at the same time.

#include <cstddef>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace scepter::store {

struct SqliteOptions {
  // Connections open at once; a thread beyond that waits for one to come back.
  std::size_t max_connections = 16;
  // How long a statement waits for another process's write lock before failing.
  int busy_timeout_ms = 5000;
};

// Opens (creating if absent) the database at `path` and applies pending migrations.
// Fails with category store when the file's schema is newer than this build knows.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 const SqliteOptions& options = {});

// Applies pending migrations (as opening does) and says from which version to which.
Result<SchemaChange> migrate_sqlite(const std::string& path);

}  // namespace scepter::store
