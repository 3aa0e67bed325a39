#pragma once
// The stores the contract suite runs against. Each test gets an empty, migrated store of its
// own: a new SQLite file, or a new database on one PostgreSQL server per test process.

#include <memory>
#include <string>

#include "postgres_server.hpp"
#include "store/store.hpp"

namespace scepter::store::testing {

enum class Backend { sqlite, postgres };

std::string backend_name(Backend backend);

// The process's PostgreSQL server, started on first use.
const scepter::testing::PostgresServer& postgres_server();

// A fresh database of `backend`; the object keeps its file or database name.
class FreshDatabase {
 public:
  explicit FreshDatabase(Backend backend);
  ~FreshDatabase();
  FreshDatabase(const FreshDatabase&) = delete;
  FreshDatabase& operator=(const FreshDatabase&) = delete;

  // What open_store() takes: a SQLite path or a postgresql:// URI.
  const std::string& location() const { return location_; }
  // Another store on the same database (a second node, or the server beside the CLI).
  std::unique_ptr<Store> open() const;

 private:
  Backend backend_;
  std::string sqlite_dir_;
  std::string location_;
};

}  // namespace scepter::store::testing
