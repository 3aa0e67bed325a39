#include "backends.hpp"

#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/test_support.hpp"

namespace scepter::store::testing {

std::string backend_name(Backend backend) {
  return backend == Backend::sqlite ? "sqlite" : "postgres";
}

const scepter::testing::PostgresServer& postgres_server() {
  static const scepter::testing::PostgresServer server;
  return server;
}

FreshDatabase::FreshDatabase(Backend backend) : backend_(backend) {
  if (backend == Backend::sqlite) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "scepter-store-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    sqlite_dir_ = pattern;
    location_ = sqlite_dir_ + "/scepter.db";
  } else {
    static std::atomic<int> databases{0};
    location_ = postgres_server().create_database("contract_" + std::to_string(++databases));
  }
}

FreshDatabase::~FreshDatabase() {
  if (sqlite_dir_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(sqlite_dir_, ignored);
}

std::unique_ptr<Store> FreshDatabase::open() const {
  if (backend_ == Backend::sqlite) return ok(open_sqlite_store(location_));
  return ok(open_postgres_store(location_, {.apply_migrations = true}));
}

}  // namespace scepter::store::testing
