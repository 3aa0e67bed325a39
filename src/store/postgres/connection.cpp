#include "store/postgres/connection.hpp"

#include <libpq-fe.h>

#include <array>
#include <cstring>

#include "store/postgres/dialect.hpp"

namespace scepter::store::postgres {
namespace {

// Type OIDs of the built-in integer types (pg_type.h is a server header).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;

constexpr std::string_view kUniqueViolation = "23505";
constexpr std::string_view kForeignKeyViolation = "23503";
constexpr int kBinary = 1;

// Class 08 is a lost or refused link; 57P01..57P03 a server shutting down or starting up.
bool means_unavailable(std::string_view sqlstate) {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03";
}

std::string field_text(const PGresult* result, int field) {
  const char* value = result ? PQresultErrorField(result, field) : nullptr;
  return value ? value : "";
}

// Constraints are named TABLE_COLUMN_unique (see the migrations), so the name gives the field a
// caller chose. Others (a unique index) report their key as "Key (a, b)=(...)": the last column
// is the one chosen, the others scope it.
std::string unique_field(const PGresult* result) {
  const std::string table = field_text(result, PG_DIAG_TABLE_NAME);
  const std::string constraint = field_text(result, PG_DIAG_CONSTRAINT_NAME);
  constexpr std::string_view kSuffix = "_unique";
  if (!table.empty() && constraint.starts_with(table + "_") && constraint.ends_with(kSuffix)) {
    return constraint.substr(table.size() + 1,
                             constraint.size() - table.size() - 1 - kSuffix.size());
  }
  const std::string detail = field_text(result, PG_DIAG_MESSAGE_DETAIL);
  auto open = detail.find('(');
  auto close = detail.find(')', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  std::string columns = detail.substr(open + 1, close - open - 1);
  auto comma = columns.rfind(", ");
  return comma == std::string::npos ? columns : columns.substr(comma + 2);
}

std::uint64_t read_big_endian(const char* data, int length) {
  std::uint64_t value = 0;
  for (int i = 0; i < length; ++i) value = (value << 8) | static_cast<unsigned char>(data[i]);
  return value;
}

void ignore_notice(void*, const char*) {}

}  // namespace

void ConnectionDeleter::operator()(pg_conn* connection) const {
  PQfinish(connection);
}

void ResultDeleter::operator()(pg_result* result) const {
  PQclear(result);
}

Status Query::add_text(std::string value) {
  parameters_.push_back({std::move(value), false});
  return {};
}

Status Query::bind_blob(ByteView value) {
  parameters_.push_back(
      {std::string(reinterpret_cast<const char*>(value.data()), value.size()), true});
  return {};
}

Status Query::bind_null() {
  parameters_.push_back({std::nullopt, false});
  return {};
}

Result<bool> Query::step() {
  if (next_row_ < 0) {
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    for (const auto& parameter : parameters_) {
      values.push_back(parameter.value ? parameter.value->c_str() : nullptr);
      lengths.push_back(parameter.value ? static_cast<int>(parameter.value->size()) : 0);
      formats.push_back(parameter.binary ? kBinary : 0);
    }
    SCEPTER_TRY(result_,
                connection_->execute_prepared(*sql_, *statement_name_, values, lengths, formats));
    next_row_ = 0;
  } else {
    ++next_row_;
  }
  return next_row_ < PQntuples(result_.get());
}

Status Query::run() {
  SCEPTER_TRY(bool row, step());
  static_cast<void>(row);
  return {};
}

Result<std::int64_t> Query::run_returning_id() {
  SCEPTER_TRY(bool row, step());
  if (!row) return fail(ErrorCategory::store, "database error", "INSERT returned no id");
  return integer(0);
}

long long Query::changes() const {
  const char* count = result_ ? PQcmdTuples(result_.get()) : "";
  return *count ? std::stoll(count) : 0;
}

bool Query::is_null(int column) const {
  return PQgetisnull(result_.get(), next_row_, column) != 0;
}

std::int64_t Query::integer(int column) const {
  const char* data = PQgetvalue(result_.get(), next_row_, column);
  const int length = PQgetlength(result_.get(), next_row_, column);
  switch (PQftype(result_.get(), column)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid:
    case kBoolOid: {
      // Sign-extend from the column's width.
      const int bits = 8 * length;
      const std::uint64_t raw = read_big_endian(data, length);
      if (bits == 64) return static_cast<std::int64_t>(raw);
      const std::uint64_t sign = std::uint64_t{1} << (bits - 1);
      return static_cast<std::int64_t>((raw ^ sign) - sign);
    }
    default:
      return 0;
  }
}

std::string Query::text(int column) const {
  return std::string(PQgetvalue(result_.get(), next_row_, column),
                     static_cast<std::size_t>(PQgetlength(result_.get(), next_row_, column)));
}

Bytes Query::blob(int column) const {
  auto data = reinterpret_cast<const std::uint8_t*>(PQgetvalue(result_.get(), next_row_, column));
  return Bytes(data, data + PQgetlength(result_.get(), next_row_, column));
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& uri,
                                                     int connect_timeout_s) {
  const std::string timeout = std::to_string(connect_timeout_s);
  // expand_dbname: `uri` is a full connection string; listed after the defaults, it overrides
  // them (a connect_timeout in the URI wins).
  const std::array<const char*, 4> keywords = {"connect_timeout", "application_name", "dbname",
                                               nullptr};
  const std::array<const char*, 4> values = {timeout.c_str(), "scepter", uri.c_str(), nullptr};
  ConnectionHandle handle(PQconnectdbParams(keywords.data(), values.data(), 1));
  if (!handle) return fail(ErrorCategory::unavailable, "database unavailable", "out of memory");
  if (PQstatus(handle.get()) != CONNECTION_OK) {
    // The message may name host and user; it never holds the password.
    return fail(ErrorCategory::unavailable, "database unavailable",
                std::string("connect: ") + PQerrorMessage(handle.get()));
  }
  PQsetNoticeProcessor(handle.get(), ignore_notice, nullptr);
  return std::unique_ptr<Connection>(new Connection(std::move(handle)));
}

bool Connection::broken() const {
  return PQstatus(handle_.get()) != CONNECTION_OK;
}

Status Connection::check(const pg_result* result, int expected_status, std::string_view doing) {
  if (result && PQresultStatus(result) == expected_status) {
    last_sqlstate_.clear();
    return {};
  }
  last_sqlstate_ = field_text(result, PG_DIAG_SQLSTATE);
  std::string message = result ? PQresultErrorMessage(result) : "";
  if (message.empty()) message = PQerrorMessage(handle_.get());
  while (!message.empty() && message.back() == '\n') message.pop_back();
  std::string log_text = std::string(doing) + ": " + message;
  if (broken() || means_unavailable(last_sqlstate_)) {
    return fail(ErrorCategory::unavailable, "database unavailable", std::move(log_text));
  }
  if (last_sqlstate_ == kUniqueViolation) {
    auto error = make_error(ErrorCategory::conflict, "already exists", std::move(log_text));
    error.field = unique_field(result);
    if (!error.field.empty()) error.client_text = error.field + " already exists";
    return fail(std::move(error));
  }
  if (last_sqlstate_ == kForeignKeyViolation) {
    return fail(ErrorCategory::not_found, "a referenced record does not exist",
                std::move(log_text));
  }
  return fail(ErrorCategory::store, "database error", std::move(log_text));
}

Result<std::unique_ptr<sql::Query>> Connection::prepare(std::string_view sql) {
  auto cached = statements_.find(sql);
  if (cached == statements_.end()) {
    std::string name = "s" + std::to_string(statements_.size() + 1);
    ResultHandle prepared(
        PQprepare(handle_.get(), name.c_str(), to_positional_parameters(sql).c_str(), 0, nullptr));
    SCEPTER_CHECK(check(prepared.get(), PGRES_COMMAND_OK, "prepare [" + std::string(sql) + "]"));
    cached = statements_.emplace(std::string(sql), std::move(name)).first;
  }
  return std::make_unique<Query>(*this, cached->first, cached->second);
}

Status Connection::lock_key(std::string_view key) {
  SCEPTER_TRY(auto query, prepare("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))"));
  SCEPTER_CHECK(query->bind(key));
  return query->run();
}

Status Connection::execute(const std::string& sql) {
  ResultHandle result(PQexec(handle_.get(), sql.c_str()));
  // Nothing but comments: a migration that concerns SQLite alone.
  if (result && PQresultStatus(result.get()) == PGRES_EMPTY_QUERY) return {};
  return check(result.get(), PGRES_COMMAND_OK, "execute");
}

Result<ResultHandle> Connection::execute_prepared(const std::string& sql,
                                                  const std::string& statement_name,
                                                  const std::vector<const char*>& values,
                                                  const std::vector<int>& lengths,
                                                  const std::vector<int>& formats) {
  ResultHandle result(PQexecPrepared(handle_.get(), statement_name.c_str(),
                                     static_cast<int>(values.size()), values.data(), lengths.data(),
                                     formats.data(), kBinary));
  const int expected = result && PQresultStatus(result.get()) == PGRES_TUPLES_OK ? PGRES_TUPLES_OK
                                                                                 : PGRES_COMMAND_OK;
  SCEPTER_CHECK(check(result.get(), expected, "[" + sql + "]"));
  return result;
}

}  // namespace scepter::store::postgres
