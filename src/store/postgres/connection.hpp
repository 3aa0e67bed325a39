#pragma once
// RAII over libpq: a Connection owns one PGconn and prepares each statement text once; a Query
// is one execution of such a statement with its parameters bound. Every parameter travels bound,
// never spliced into SQL; byte strings travel as binary BYTEA, results come back binary.
// A Connection is used by one thread at a time (ConnectionPool hands them out).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/bytes.hpp"
#include "core/error.hpp"

struct pg_conn;
struct pg_result;

namespace scepter::store::postgres {

struct ConnectionDeleter {
  void operator()(pg_conn* connection) const;
};
struct ResultDeleter {
  void operator()(pg_result* result) const;
};
using ConnectionHandle = std::unique_ptr<pg_conn, ConnectionDeleter>;
using ResultHandle = std::unique_ptr<pg_result, ResultDeleter>;

// SQLSTATEs a caller reacts to.
inline constexpr std::string_view kSerializationFailure = "40001";
inline constexpr std::string_view kDeadlockDetected = "40P01";

class Connection;

class Query {
 public:
  Query(Connection& connection, const std::string& sql, const std::string& statement_name)
      : connection_(&connection), sql_(&sql), statement_name_(&statement_name) {}

  // Binds the arguments to parameters $1..$n in order.
  template <class... Args>
  void bind(const Args&... args) {
    (bind_next(args), ...);
  }

  void bind_next(std::int64_t value) { add_text(std::to_string(value)); }
  void bind_next(std::string_view value) { add_text(std::string(value)); }
  void bind_next(const std::string& value) { add_text(value); }
  void bind_next(const char* value) { add_text(value); }
  void bind_next(ByteView value);
  void bind_next(const Bytes& value) { bind_next(ByteView(value)); }
  void bind_next(std::nullopt_t) { parameters_.push_back({std::nullopt, false}); }
  template <std::integral T>
  void bind_next(T value) {
    bind_next(static_cast<std::int64_t>(value));
  }
  template <class T>
  void bind_next(const std::optional<T>& value) {
    if (value) {
      bind_next(*value);
    } else {
      bind_next(std::nullopt);
    }
  }

  // Executes on the first call; then true while a row is ready to read.
  Result<bool> step();
  // Runs a statement whose rows do not matter.
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
  struct Parameter {
    std::optional<std::string> value;
    bool binary;
  };
  void add_text(std::string value) { parameters_.push_back({std::move(value), false}); }

  Connection* connection_;
  const std::string* sql_;  // for error messages
  const std::string* statement_name_;
  std::vector<Parameter> parameters_;
  ResultHandle result_;
  int next_row_ = -1;  // -1: not executed yet
};

class Connection {
 public:
  // Fails with unavailable when the server cannot be reached.
  static Result<std::unique_ptr<Connection>> open(const std::string& uri, int connect_timeout_s);

  // The statement is prepared on the server once per connection and reused. `sql` uses `?`
  // placeholders, which become $1..$n (see dialect.hpp).
  Result<Query> prepare(std::string_view sql);
  // Runs SQL text that may hold several statements and yields no rows (migrations, BEGIN).
  Status execute(const std::string& sql);
  // Executes a prepared statement; used by Query.
  Result<ResultHandle> execute_prepared(const std::string& sql, const std::string& statement_name,
                                        const std::vector<const char*>& values,
                                        const std::vector<int>& lengths,
                                        const std::vector<int>& formats);

  // True once the server went away: the pool then drops this connection.
  bool broken() const;
  // The SQLSTATE of the last failed statement ("" when the last one succeeded or the link broke),
  // so that a transaction can tell a serialization failure, worth a retry, from the rest.
  const std::string& last_sqlstate() const { return last_sqlstate_; }

 private:
  explicit Connection(ConnectionHandle handle) : handle_(std::move(handle)) {}
  // Checks a result; on failure records the SQLSTATE and maps it to the store's errors.
  Status check(const pg_result* result, int expected_status, std::string_view doing);

  struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  ConnectionHandle handle_;
  std::unordered_map<std::string, std::string, TransparentHash, std::equal_to<>> statements_;
  std::string last_sqlstate_;
};

}  // namespace scepter::store::postgres
