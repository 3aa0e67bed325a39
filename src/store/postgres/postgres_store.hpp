#pragma once
// The PostgreSQL Store: one database shared by any number of scepter nodes. Everything a node
// knows lives there; uniqueness of serials and of transactions holds across nodes by constraint.
// When the server goes away, calls fail with category unavailable (nothing half-written) and
// the next call reconnects.

#include <cstddef>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace scepter::store {

struct PostgresOptions {
  // Connections open at once; a thread beyond that waits for one to come back.
  std::size_t max_connections = 16;
  // Seconds to wait for the server when connecting (the URI's connect_timeout wins).
  int connect_timeout_s = 5;
  // true: apply pending migrations at open. false: refuse a schema that is not the newest this
  // build knows (`scepter migrate` applies them explicitly).
  bool apply_migrations = false;
};

// `uri` is a libpq connection URI, postgresql://user:password@host:port/dbname?param=value.
Result<std::unique_ptr<Store>> open_postgres_store(const std::string& uri,
                                                   const PostgresOptions& options = {});

// Applies pending migrations under the migration lock; refuses a newer schema.
Result<SchemaChange> migrate_postgres(const std::string& uri, const PostgresOptions& options = {});

}  // namespace scepter::store
