#pragma once
// The store's Connection over the SQLite C API: it owns one sqlite3 handle and caches its
// prepared statements; a Query is one use of such a statement. A Connection is used by one thread
// at a time (ConnectionPool hands them out).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "store/sql/connection.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace scepter::store::sqlite {

// Maps a failed SQLite call to the store's error policy: conflict (with the column as field)
// for a uniqueness violation, not_found for a reference to a missing row, store otherwise.
Error sqlite_error(sqlite3* db, int rc, std::string_view doing);

class Query final : public sql::Query {
 public:
  Query(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query() override;

  Result<bool> step() override;
  Status run() override;
  Result<std::int64_t> run_returning_id() override;
  long long changes() const override;

  bool is_null(int column) const override;
  std::int64_t integer(int column) const override;
  std::string text(int column) const override;
  Bytes blob(int column) const override;

 private:
  Status bind_integer(std::int64_t value) override;
  Status bind_text(std::string_view value) override;
  Status bind_blob(ByteView value) override;
  Status bind_null() override;
  Status check_bind(int rc);
  Error error(int rc, std::string_view doing) const;

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int next_parameter_ = 1;
};

struct ConnectionOptions {
  int busy_timeout_ms = 5000;
};

class Connection final : public sql::Connection {
 public:
  static Result<std::unique_ptr<Connection>> open(const std::string& path,
                                                  const ConnectionOptions& options);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Result<std::unique_ptr<sql::Query>> prepare(std::string_view sql) override;
  Status execute(const std::string& sql) override;
  bool broken() const override { return false; }
  // SQLite's LIKE already ignores ASCII case.
  std::string_view case_insensitive_like() const override { return "LIKE"; }
  // A no-op: every write transaction holds the database's one write lock from its start.
  Status lock_key(std::string_view) override { return {}; }
  bool in_transaction() const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  struct Finalize {
    void operator()(sqlite3_stmt* stmt) const;
  };

  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<sqlite3_stmt, Finalize>, TransparentHash,
                     std::equal_to<>>
      statements_;
};

}  // namespace scepter::store::sqlite
