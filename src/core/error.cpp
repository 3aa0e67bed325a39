#include "core/error.hpp"

namespace scepter {

std::string_view to_string(ErrorCategory category) {
  switch (category) {
    case ErrorCategory::bad_request:
      return "bad_request";
    case ErrorCategory::invalid:
      return "invalid";
    case ErrorCategory::bad_message_check:
      return "bad_message_check";
    case ErrorCategory::bad_time:
      return "bad_time";
    case ErrorCategory::bad_alg:
      return "bad_alg";
    case ErrorCategory::bad_cert_id:
      return "bad_cert_id";
    case ErrorCategory::unauthorized:
      return "unauthorized";
    case ErrorCategory::forbidden:
      return "forbidden";
    case ErrorCategory::not_found:
      return "not_found";
    case ErrorCategory::conflict:
      return "conflict";
    case ErrorCategory::too_large:
      return "too_large";
    case ErrorCategory::throttled:
      return "throttled";
    case ErrorCategory::unavailable:
      return "unavailable";
    case ErrorCategory::store:
      return "store";
    case ErrorCategory::crypto:
      return "crypto";
    case ErrorCategory::internal:
      return "internal";
  }
  return "internal";
}

Error Error::context(std::string_view what) && {
  log_text = std::string(what) + ": " + (log_text.empty() ? client_text : log_text);
  return std::move(*this);
}

Error make_error(ErrorCategory category, std::string client_text, std::string log_text) {
  return Error{category, std::move(client_text), std::move(log_text), {}};
}

Error invalid_field(std::string field, std::string client_text) {
  return Error{ErrorCategory::invalid, std::move(client_text), {}, std::move(field)};
}

}  // namespace scepter
