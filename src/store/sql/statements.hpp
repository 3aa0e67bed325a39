#pragma once
// One-call forms of the common statement shapes, so that each store method reads as its SQL.
// The store's files spell shared column lists as string-literal macros: each statement then stays
// one constant text, which a Connection compiles once and finds again by that text.

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "store/sql/connection.hpp"

namespace scepter::store::sql {

// A row reader: Result<T> read(const Query&).
template <class Read>
using RowOf = typename std::invoke_result_t<Read, const Query&>::value_type;

template <class... Args>
Result<std::unique_ptr<Query>> prepare_bound(Connection& connection, std::string_view sql,
                                             const Args&... args) {
  SCEPTER_TRY(auto query, connection.prepare(sql));
  SCEPTER_CHECK(query->bind(args...));
  return query;
}

// The row a lookup must find; not_found says "`what` not found" otherwise.
template <class Read, class... Args>
Result<RowOf<Read>> select_one(Connection& connection, std::string_view what, Read read,
                               std::string_view sql, const Args&... args) {
  SCEPTER_TRY(auto query, prepare_bound(connection, sql, args...));
  SCEPTER_TRY(bool row, query->step());
  if (!row) return fail(ErrorCategory::not_found, std::string(what) + " not found");
  return read(*query);
}

template <class Read, class... Args>
Result<std::optional<RowOf<Read>>> select_optional(Connection& connection, Read read,
                                                   std::string_view sql, const Args&... args) {
  SCEPTER_TRY(auto query, prepare_bound(connection, sql, args...));
  SCEPTER_TRY(bool row, query->step());
  if (!row) return std::nullopt;
  SCEPTER_TRY(auto value, read(*query));
  return value;
}

template <class Read>
Result<std::vector<RowOf<Read>>> read_all(Query& query, Read read) {
  std::vector<RowOf<Read>> rows;
  while (true) {
    SCEPTER_TRY(bool row, query.step());
    if (!row) return rows;
    SCEPTER_TRY(auto value, read(query));
    rows.push_back(std::move(value));
  }
}

template <class Read, class... Args>
Result<std::vector<RowOf<Read>>> select_all(Connection& connection, Read read, std::string_view sql,
                                            const Args&... args) {
  SCEPTER_TRY(auto query, prepare_bound(connection, sql, args...));
  return read_all(*query, read);
}

// A single integer (COUNT, a setting); 0 when there is no row.
template <class... Args>
Result<long long> select_integer(Connection& connection, std::string_view sql,
                                 const Args&... args) {
  SCEPTER_TRY(auto query, prepare_bound(connection, sql, args...));
  SCEPTER_TRY(bool row, query->step());
  return row ? query->integer(0) : 0;
}

// Runs a write; returns how many rows it changed.
template <class... Args>
Result<long long> execute(Connection& connection, std::string_view sql, const Args&... args) {
  SCEPTER_TRY(auto query, prepare_bound(connection, sql, args...));
  SCEPTER_CHECK(query->run());
  return query->changes();
}

// Runs a write whose row count does not matter.
template <class... Args>
Status run(Connection& connection, std::string_view sql, const Args&... args) {
  SCEPTER_TRY(auto query, prepare_bound(connection, sql, args...));
  return query->run();
}

// Runs an INSERT ... RETURNING id.
template <class... Args>
Result<std::int64_t> insert(Connection& connection, std::string_view sql, const Args&... args) {
  SCEPTER_TRY(auto query, prepare_bound(connection, sql, args...));
  return query->run_returning_id();
}

// not_found unless a lookup, UPDATE or DELETE by key matched at least one row.
inline Status expect_found(long long rows, std::string_view what) {
  if (rows == 0) return fail(ErrorCategory::not_found, std::string(what) + " not found");
  return {};
}

}  // namespace scepter::store::sql
