#pragma once
// Errors of the REST API as RFC 9457 problem details (application/problem+json), from ONE table
// that maps each ErrorCategory to an HTTP status and a stable machine code.

#include <string_view>

#include "core/error.hpp"
#include "http/message.hpp"

namespace scepter::http {

struct ProblemKind {
  unsigned status;
  std::string_view code;   // stable: clients switch on it
  std::string_view title;  // short, human
};

ProblemKind problem_kind(ErrorCategory category);
// No ErrorCategory stands for a method a path does not take.
inline constexpr ProblemKind kMethodNotAllowed{405, "method_not_allowed", "Method not allowed"};

// {"type","title","status","detail","code"} plus "errors": [{"field","detail"}] when the error
// names a field. Server-side failures (5xx) are logged with their log text and show none of it.
Response problem_response(const Error& error);
// A problem that no ErrorCategory describes (unknown route, unsupported feature).
Response problem_response(unsigned status, std::string_view code, std::string_view title,
                          std::string_view detail);

}  // namespace scepter::http
