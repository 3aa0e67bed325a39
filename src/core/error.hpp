#pragma once
// The error policy of DESIGN.md: core, crypto, scep, store and ca return Result<T>; nothing there
// throws.

#include <expected>
#include <string>
#include <string_view>

namespace scepter {

enum class ErrorCategory {
  bad_request,        // input that cannot be parsed or violates the protocol
  invalid,            // a well-formed value that fails validation (field names which one)
  bad_message_check,  // signature or integrity check failed
  bad_time,           // signingTime or validity outside the allowed window
  bad_alg,            // algorithm not supported or not allowed
  bad_cert_id,        // no certificate matches the identifiers given
  unauthorized,       // wrong challenge or credentials
  forbidden,          // authenticated but not allowed
  not_found,
  conflict,     // uniqueness or immutability rule
  too_large,    // a configured limit was exceeded
  throttled,    // too many failed attempts
  unavailable,  // a dependency (database, remote service) is down; retry later
  store,
  crypto,
  internal,
};

std::string_view to_string(ErrorCategory category);

struct Error {
  ErrorCategory category = ErrorCategory::internal;
  std::string client_text;  // safe to show to the caller
  std::string log_text;     // for operators: may hold library detail, never a secret
  std::string field;        // for `invalid`: which input field

  // Prefixes the log text with what the caller was doing, keeping category and client text.
  Error context(std::string_view what) &&;
};

Error make_error(ErrorCategory category, std::string client_text, std::string log_text = {});
Error invalid_field(std::string field, std::string client_text);

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCategory category, std::string client_text,
                                   std::string log_text = {}) {
  return std::unexpected(make_error(category, std::move(client_text), std::move(log_text)));
}
inline std::unexpected<Error> fail(Error error) {
  return std::unexpected(std::move(error));
}

}  // namespace scepter

// Propagates an error from a Result-returning expression: SCEPTER_TRY(auto x, f());
#define SCEPTER_CONCAT_INNER(a, b) a##b
#define SCEPTER_CONCAT(a, b) SCEPTER_CONCAT_INNER(a, b)
#define SCEPTER_TRY_IMPL(tmp, decl, expr)                   \
  auto tmp = (expr);                                        \
  if (!tmp) return std::unexpected(std::move(tmp).error()); \
  decl = std::move(*tmp)
#define SCEPTER_TRY(decl, expr) SCEPTER_TRY_IMPL(SCEPTER_CONCAT(scepter_try_, __LINE__), decl, expr)
#define SCEPTER_CHECK(expr)                                                                     \
  do {                                                                                          \
    auto scepter_check_result = (expr);                                                         \
    if (!scepter_check_result) return std::unexpected(std::move(scepter_check_result).error()); \
  } while (0)
