#pragma once
// The store's one view of a database connection, whichever engine serves it. The store's SQL is
// the subset that SQLite and PostgreSQL both accept (see postgres/dialect.hpp); the few points
// where engines must differ are the Connection's to answer. A Connection is used by one thread at
// a time (ConnectionPool hands them out).

#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/error.hpp"

namespace scepter::store::sql {

// One execution of a prepared statement: parameters are bound in order, then rows are read.
// Errors follow store.hpp: conflict (with the column as field) for a uniqueness violation,
// not_found for a reference to a missing row, unavailable for a lost server, store otherwise.
class Query {
 public:
  virtual ~Query() = default;

  // Binds the arguments to the next parameters, in order.
  template <class... Args>
  Status bind(const Args&... args) {
    Status status;
    [[maybe_unused]] auto bind_one = [&](const auto& arg) {
      if (status) status = bind_next(arg);
    };
    (bind_one(args), ...);
    return status;
  }

  Status bind_next(std::int64_t value) { return bind_integer(value); }
  Status bind_next(std::string_view value) { return bind_text(value); }
  Status bind_next(const std::string& value) { return bind_text(value); }
  Status bind_next(const char* value) { return bind_text(value); }
  Status bind_next(ByteView value) { return bind_blob(value); }
  Status bind_next(const Bytes& value) { return bind_blob(value); }
  Status bind_next(std::nullopt_t) { return bind_null(); }
  template <std::integral T>
  Status bind_next(T value) {
    return bind_integer(static_cast<std::int64_t>(value));
  }
  template <class T>
  Status bind_next(const std::optional<T>& value) {
    return value ? bind_next(*value) : bind_null();
  }

  // true when a row is ready to read, false when the statement is done.
  virtual Result<bool> step() = 0;
  // Runs a statement whose rows do not matter.
  virtual Status run() = 0;
  // Runs an INSERT ... RETURNING id.
  virtual Result<std::int64_t> run_returning_id() = 0;
  // Rows changed by the last run().
  virtual long long changes() const = 0;

  virtual bool is_null(int column) const = 0;
  virtual std::int64_t integer(int column) const = 0;
  virtual std::string text(int column) const = 0;
  virtual Bytes blob(int column) const = 0;
  template <class T = std::int64_t>
  std::optional<T> optional_integer(int column) const {
    if (is_null(column)) return std::nullopt;
    return static_cast<T>(integer(column));
  }

 protected:
  virtual Status bind_integer(std::int64_t value) = 0;
  virtual Status bind_text(std::string_view value) = 0;
  virtual Status bind_blob(ByteView value) = 0;
  virtual Status bind_null() = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;

  // `sql` uses `?` placeholders. Each statement text is compiled once per connection and reused.
  virtual Result<std::unique_ptr<Query>> prepare(std::string_view sql) = 0;
  // Runs SQL text that may hold several statements and yields no rows (migrations, BEGIN).
  virtual Status execute(const std::string& sql) = 0;
  // True once the link to the server is lost for good: the pool then drops the connection.
  virtual bool broken() const = 0;

  // The operator that matches a LIKE pattern ignoring case.
  virtual std::string_view case_insensitive_like() const = 0;
  // Until the transaction ends, holds a lock named `key`: transactions that take the same key
  // run one after the other, so each one sees what the previous one committed.
  virtual Status lock_key(std::string_view key) = 0;
};

}  // namespace scepter::store::sql
