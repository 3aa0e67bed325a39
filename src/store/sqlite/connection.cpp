#include "store/sqlite/connection.hpp"

#include <sqlite3.h>

namespace scepter::store::sqlite {
namespace {

constexpr std::string_view kUniqueFailed = "UNIQUE constraint failed: ";

// SQLite names the columns of a violated unique constraint as "table.a, table.b"; the last one
// is the one a caller chose (the others scope it), so it names the field.
std::string unique_field(std::string_view message) {
  auto start = message.find(kUniqueFailed);
  if (start == std::string_view::npos) return {};
  auto columns = message.substr(start + kUniqueFailed.size());
  auto comma = columns.rfind(", ");
  auto last = comma == std::string_view::npos ? columns : columns.substr(comma + 2);
  auto dot = last.find('.');
  return std::string(dot == std::string_view::npos ? last : last.substr(dot + 1));
}

}  // namespace

Error sqlite_error(sqlite3* db, int rc, std::string_view doing) {
  std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string log_text = std::string(doing) + ": " + message + " (" + std::to_string(rc) + ")";
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: {
      auto error = make_error(ErrorCategory::conflict, "already exists", std::move(log_text));
      error.field = unique_field(message);
      if (!error.field.empty()) error.client_text = error.field + " already exists";
      return error;
    }
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return make_error(ErrorCategory::not_found, "a referenced record does not exist",
                        std::move(log_text));
    default:
      return make_error(ErrorCategory::store, "database error", std::move(log_text));
  }
}

Query::~Query() {
  // reset() repeats the error of the last step, which step() has already reported.
  static_cast<void>(sqlite3_reset(stmt_));
  static_cast<void>(sqlite3_clear_bindings(stmt_));
}

Error Query::error(int rc, std::string_view doing) const {
  return sqlite_error(db_, rc, std::string(doing) + " [" + sqlite3_sql(stmt_) + "]");
}

Status Query::check_bind(int rc) {
  ++next_parameter_;
  if (rc != SQLITE_OK) return fail(error(rc, "bind"));
  return {};
}

Status Query::bind_integer(std::int64_t value) {
  return check_bind(sqlite3_bind_int64(stmt_, next_parameter_, value));
}

Status Query::bind_text(std::string_view value) {
  // A null pointer would bind SQL NULL; an empty string must stay an empty string.
  const char* data = value.data() ? value.data() : "";
  return check_bind(sqlite3_bind_text64(stmt_, next_parameter_, data, value.size(),
                                        SQLITE_TRANSIENT, SQLITE_UTF8));
}

Status Query::bind_blob(ByteView value) {
  return check_bind(value.empty() ? sqlite3_bind_zeroblob(stmt_, next_parameter_, 0)
                                  : sqlite3_bind_blob64(stmt_, next_parameter_, value.data(),
                                                        value.size(), SQLITE_TRANSIENT));
}

Status Query::bind_null() {
  return check_bind(sqlite3_bind_null(stmt_, next_parameter_));
}

Result<bool> Query::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return fail(error(rc, "step"));
}

Status Query::run() {
  SCEPTER_TRY(bool row, step());
  while (row) {
    SCEPTER_TRY(row, step());
  }
  return {};
}

Result<std::int64_t> Query::run_returning_id() {
  SCEPTER_TRY(bool row, step());
  if (!row) return fail(ErrorCategory::store, "database error", "INSERT returned no id");
  std::int64_t id = integer(0);
  SCEPTER_CHECK(run());
  return id;
}

long long Query::changes() const {
  return sqlite3_changes64(db_);
}

bool Query::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Query::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Query::text(int column) const {
  auto data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!data) return {};
  return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

Bytes Query::blob(int column) const {
  auto data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  if (!data) return {};
  return Bytes(data, data + sqlite3_column_bytes(stmt_, column));
}

void Connection::Finalize::operator()(sqlite3_stmt* stmt) const {
  static_cast<void>(sqlite3_finalize(stmt));
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path,
                                                     const ConnectionOptions& options) {
  sqlite3* db = nullptr;
  // NOMUTEX: the pool already gives each connection to one thread at a time.
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<Connection> connection(new Connection(db));
  if (rc != SQLITE_OK) return fail(sqlite_error(db, rc, "open " + path));
  sqlite3_extended_result_codes(db, 1);
  // The busy timeout comes first: switching to WAL itself needs a lock that another process
  // opening the same file may hold.
  rc = sqlite3_busy_timeout(db, options.busy_timeout_ms);
  if (rc != SQLITE_OK) return fail(sqlite_error(db, rc, "set busy timeout"));
  SCEPTER_CHECK(connection->execute(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"));
  return connection;
}

Connection::~Connection() {
  statements_.clear();
  static_cast<void>(sqlite3_close_v2(db_));
}

Result<std::unique_ptr<sql::Query>> Connection::prepare(std::string_view sql) {
  auto cached = statements_.find(sql);
  if (cached == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      return fail(sqlite_error(db_, rc, "prepare [" + std::string(sql) + "]"));
    }
    cached = statements_.emplace(std::string(sql), stmt).first;
  }
  return std::make_unique<Query>(db_, cached->second.get());
}

Status Connection::execute(const std::string& sql) {
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return fail(sqlite_error(db_, rc, "execute"));
  return {};
}

bool Connection::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

}  // namespace scepter::store::sqlite
