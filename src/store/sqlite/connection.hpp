#pragma once
// RAII over the SQLite C API: a Connection owns one sqlite3 handle and caches its prepared
// statements; a Query is one use of such a statement. A Connection is used by one thread at a
// time (ConnectionPool hands them out).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/bytes.hpp"
#include "core/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace scepter::store::sqlite {

// Maps a failed SQLite call to the store's error policy: conflict (with the column as field)
// for a uniqueness violation, not_found for a reference to a missing row, store otherwise.
Error sqlite_error(sqlite3* db, int rc, std::string_view doing);

class Query {
 public:
  Query(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  ~Query();

  // Binds the arguments to parameters 1..n in order.
  template <class... Args>
  Status bind(const Args&... args) {
    int index = 0;
    Status status;
    [[maybe_unused]] auto bind_next = [&](const auto& arg) {
      if (status) status = bind_at(++index, arg);
    };
    (bind_next(args), ...);
    return status;
  }

  Status bind_at(int index, std::int64_t value);
  Status bind_at(int index, std::string_view value);
  Status bind_at(int index, ByteView value);
  Status bind_at(int index, std::nullopt_t);
  Status bind_at(int index, const std::string& value) {
    return bind_at(index, std::string_view(value));
  }
  Status bind_at(int index, const Bytes& value) { return bind_at(index, ByteView(value)); }
  template <std::integral T>
  Status bind_at(int index, T value) {
    return bind_at(index, static_cast<std::int64_t>(value));
  }
  template <class T>
  Status bind_at(int index, const std::optional<T>& value) {
    return value ? bind_at(index, *value) : bind_at(index, std::nullopt);
  }

  // true when a row is ready to read, false when the statement is done.
  Result<bool> step();
  // Runs a statement that yields no rows.
  Status run();
  // Runs an INSERT ... RETURNING id.
  Result<std::int64_t> run_returning_id();
  // Rows changed by the last run().
  long long changes() const;

  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  std::string text(int column) const;
  Bytes blob(int column) const;
  template <class T = std::int64_t>
  std::optional<T> optional_integer(int column) const {
    if (is_null(column)) return std::nullopt;
    return static_cast<T>(integer(column));
  }

 private:
  Error error(int rc, std::string_view doing) const;

  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

struct ConnectionOptions {
  int busy_timeout_ms = 5000;
};

class Connection {
 public:
  static Result<std::unique_ptr<Connection>> open(const std::string& path,
                                                  const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The statement is compiled once per connection and reused.
  Result<Query> prepare(std::string_view sql);
  // Runs SQL text that may hold several statements and yields no rows (migrations, BEGIN).
  Status execute(const std::string& sql);
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
