#pragma once
// The store's Connection over libpq: it owns one PGconn and prepares each statement text once; a
// Query is one execution of such a statement with its parameters bound. Every parameter travels
// bound, never spliced into SQL; byte strings travel as binary BYTEA, results come back binary. A
// Connection is used by one thread at a time (ConnectionPool hands them out).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "store/sql/connection.hpp"

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

class Query final : public sql::Query {
 public:
  Query(Connection& connection, const std::string& sql, const std::string& statement_name)
      : connection_(&connection), sql_(&sql), statement_name_(&statement_name) {}

  // Executes on the first call; then true while a row is ready to read.
  Result<bool> step() override;
  Status run() override;
  Result<std::int64_t> run_returning_id() override;
  long long changes() const override;

  bool is_null(int column) const override;
  std::int64_t integer(int column) const override;
  std::string text(int column) const override;
  Bytes blob(int column) const override;

 private:
  struct Parameter {
    std::optional<std::string> value;
    bool binary;
  };
  Status bind_integer(std::int64_t value) override { return add_text(std::to_string(value)); }
  Status bind_text(std::string_view value) override { return add_text(std::string(value)); }
  Status bind_blob(ByteView value) override;
  Status bind_null() override;
  Status add_text(std::string value);

  Connection* connection_;
  const std::string* sql_;  // for error messages
  const std::string* statement_name_;
  std::vector<Parameter> parameters_;
  ResultHandle result_;
  int next_row_ = -1;  // -1: not executed yet
};

class Connection final : public sql::Connection {
 public:
  // Fails with unavailable when the server cannot be reached.
  static Result<std::unique_ptr<Connection>> open(const std::string& uri, int connect_timeout_s);

  // The statement is prepared on the server once per connection; `?` placeholders become
  // $1..$n (see dialect.hpp).
  Result<std::unique_ptr<sql::Query>> prepare(std::string_view sql) override;
  Status execute(const std::string& sql) override;
  bool broken() const override;
  std::string_view case_insensitive_like() const override { return "ILIKE"; }
  // A transaction-scoped advisory lock on a hash of the key.
  Status lock_key(std::string_view key) override;
  // Executes a prepared statement; used by Query.
  Result<ResultHandle> execute_prepared(const std::string& sql, const std::string& statement_name,
                                        const std::vector<const char*>& values,
                                        const std::vector<int>& lengths,
                                        const std::vector<int>& formats);

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
