#include "http/rest_problem.hpp"

#include <nlohmann/json.hpp>

#include "admin/json.hpp"
#include "core/log.hpp"

namespace scepter::http {
namespace {

constexpr std::string_view kProblemType = "application/problem+json";

std::string type_uri(std::string_view code) {
  return "https://scepter.invalid/problems/" + std::string(code);
}

Response problem_response(unsigned status, std::string_view code, std::string_view title,
                          std::string_view detail, std::string_view field) {
  nlohmann::json body = {{"type", type_uri(code)},
                         {"title", title},
                         {"status", status},
                         {"detail", detail},
                         {"code", code}};
  if (!field.empty()) {
    body["errors"] = nlohmann::json::array({{{"field", field}, {"detail", detail}}});
  }
  return Response{status, std::string(kProblemType), admin::json_text(body), {}};
}

}  // namespace

ProblemKind problem_kind(ErrorCategory category) {
  switch (category) {
    case ErrorCategory::bad_request:
      return {400, "bad_request", "Bad request"};
    case ErrorCategory::invalid:
      return {422, "validation_failed", "Validation failed"};
    case ErrorCategory::bad_message_check:
      return {400, "bad_message_check", "Integrity check failed"};
    case ErrorCategory::bad_time:
      return {400, "bad_time", "Time outside the allowed window"};
    case ErrorCategory::bad_alg:
      return {400, "bad_algorithm", "Algorithm not allowed"};
    case ErrorCategory::bad_cert_id:
      return {400, "bad_certificate_id", "No matching certificate"};
    case ErrorCategory::unauthorized:
      return {401, "unauthorized", "Authentication required"};
    case ErrorCategory::forbidden:
      return {403, "forbidden", "Forbidden"};
    case ErrorCategory::not_found:
      return {404, "not_found", "Not found"};
    case ErrorCategory::conflict:
      return {409, "conflict", "Conflict"};
    case ErrorCategory::too_large:
      return {413, "too_large", "Too large"};
    case ErrorCategory::throttled:
      return {429, "throttled", "Too many attempts"};
    case ErrorCategory::unavailable:
      return {503, "unavailable", "Service unavailable"};
    case ErrorCategory::store:
      return {500, "internal_error", "Internal error"};
    case ErrorCategory::crypto:
      return {500, "internal_error", "Internal error"};
    case ErrorCategory::internal:
      return {500, "internal_error", "Internal error"};
  }
  return {500, "internal_error", "Internal error"};
}

Response problem_response(unsigned status, std::string_view code, std::string_view title,
                          std::string_view detail) {
  return problem_response(status, code, title, detail, {});
}

Response problem_response(const Error& error) {
  const auto kind = problem_kind(error.category);
  if (kind.status >= 500) {
    log::error("api request failed",
               {{"category", std::string(to_string(error.category))}, {"error", error.log_text}});
    return problem_response(kind.status, kind.code, kind.title,
                            "the request could not be completed");
  }
  auto response =
      problem_response(kind.status, kind.code, kind.title, error.client_text, error.field);
  if (kind.status == 401) response.headers.push_back({"WWW-Authenticate", "Bearer"});
  if (kind.status == 429) response.headers.push_back({"Retry-After", "900"});
  return response;
}

}  // namespace scepter::http
