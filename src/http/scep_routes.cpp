#include "http/scep_routes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string_view>

#include "core/codec.hpp"
#include "core/log.hpp"

namespace scepter::http {
namespace {

constexpr const char* kRetryAfterSeconds = "10";

constexpr std::string_view kScepPath = "/scep";
// Path segments and operation names come from the client: enough to recognise, bounded in logs.
constexpr std::size_t kLoggedChars = 64;

std::string_view uri_extension(std::string_view path) {
  path.remove_prefix(std::min(path.size(), kScepPath.size()));
  if (!path.starts_with('/')) return {};
  path.remove_prefix(1);
  return path.substr(0, path.find('/'));
}

bool is_url_safe(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '~' || c == '-';
  });
}

// A POSTed pkiMessage is DER, a SEQUENCE (tag 0x30); some clients base64 it all the same.
Result<Bytes> posted_message(std::string_view body) {
  if (body.empty()) return fail(ErrorCategory::bad_request, "empty message");
  if (static_cast<unsigned char>(body.front()) == 0x30) return to_bytes(body);
  auto decoded = base64_decode(body);
  if (!decoded || decoded->empty()) {
    return fail(ErrorCategory::bad_request, "message is neither DER nor base64");
  }
  return decoded;
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-4.1
//# When using GET messages to communicate binary data, base64 encoding [...] MUST be used.
//# [It] may contain URI reserved characters; thus, it MUST be escaped as specified in [RFC3986].
// Clients that skip the escaping still send a '+' that means '+', so '+' is never a space here.
Result<Bytes> queried_message(std::optional<std::string_view> message) {
  if (!message || message->empty()) return fail(ErrorCategory::bad_request, "missing message");
  SCEPTER_TRY(auto text, url_decode(*message));
  SCEPTER_TRY(auto der, base64_decode(text));
  if (der.empty()) return fail(ErrorCategory::bad_request, "missing message");
  return der;
}

Result<scep::Request> decode(const Request& http) {
  scep::Request request;
  request.endpoint = uri_extension(http.path);
  if (!is_url_safe(request.endpoint)) return fail(ErrorCategory::not_found, "unknown endpoint");
  auto operation = scep::parse_operation(query_parameter(http.query, "operation").value_or(""));
  if (!operation) return fail(ErrorCategory::bad_request, "unknown operation");
  request.operation = *operation;
  request.client_address = http.client_address;

  auto message = query_parameter(http.query, "message");
  bool posted = http.method == "POST";
  if (*operation == scep::Operation::pki_operation) {
    SCEPTER_TRY(request.pki_message, posted ? posted_message(http.body) : queried_message(message));
  } else if (posted) {
    return fail(ErrorCategory::bad_request, "only PKIOperation may be POSTed");
  } else if (message) {
    // Free text such as a CA identifier: ordinary form decoding.
    SCEPTER_TRY(request.message, url_decode(*message, /*plus_as_space=*/true));
  }
  return request;
}

unsigned status_for(ErrorCategory category) {
  switch (category) {
    case ErrorCategory::bad_request:
    case ErrorCategory::invalid:
    case ErrorCategory::bad_message_check:
    case ErrorCategory::bad_time:
    case ErrorCategory::bad_alg:
    case ErrorCategory::bad_cert_id:
    case ErrorCategory::unauthorized:
      return 400;
    case ErrorCategory::forbidden:
      return 403;
    case ErrorCategory::not_found:
      return 404;
    case ErrorCategory::conflict:
      return 409;
    case ErrorCategory::too_large:
      return 413;
    case ErrorCategory::throttled:
      return 429;
    case ErrorCategory::unavailable:
      return 503;
    case ErrorCategory::store:
    case ErrorCategory::crypto:
    case ErrorCategory::internal:
      return 500;
  }
  return 500;
}

Response error_response(const Error& error) {
  auto status = status_for(error.category);
  // Only the log learns what went wrong inside.
  if (status == 500) return text_response(status, "internal error");
  auto response =
      text_response(status, error.client_text.empty() ? std::string(to_string(error.category))
                                                      : error.client_text);
  // A dependency is down (the database restarting): SCEP clients retry the same transaction.
  if (status == 503) response.headers.push_back({"Retry-After", kRetryAfterSeconds});
  return response;
}

std::string clipped(std::string_view text) {
  return std::string(text.substr(0, kLoggedChars));
}

// Carries what the request ended as and never the message or the rest of the query.
void log_request(const Request& http, const scep::Outcome& outcome, unsigned status,
                 const Error* error, std::chrono::steady_clock::duration elapsed) {
  auto reason = outcome.reason.empty() && error != nullptr ? error->client_text : outcome.reason;
  auto level = status >= 500 ? log::Level::error : log::Level::info;
  double millis = std::chrono::duration<double, std::milli>(elapsed).count();
  log::event(level, "scep",
             {{"endpoint", clipped(uri_extension(http.path))},
              {"operation", clipped(query_parameter(http.query, "operation").value_or(""))},
              {"message_type", outcome.message_type},
              {"transaction_id", outcome.transaction_id},
              {"status", outcome.status},
              {"fail_info", outcome.fail_info},
              {"reason", reason},
              {"http_status", std::to_string(status)},
              {"duration_ms", fmt::format("{:.3f}", millis)},
              {"client", http.client_address},
              {"detail", error != nullptr ? error->log_text : std::string()}});
}

class ScepHandler {
 public:
  ScepHandler(scep::Service& service, ScepMetrics* metrics)
      : service_(service), metrics_(metrics) {}

  Response operator()(const Request& http) const {
    auto started = std::chrono::steady_clock::now();
    scep::Outcome outcome;
    auto request = decode(http);
    auto result = request ? service_.handle(*request, outcome)
                          : Result<scep::Response>(std::unexpected(request.error()));
    auto response =
        result ? Response{200, result->content_type, std::string(as_chars(result->body)), {}}
               : error_response(result.error());
    auto elapsed = std::chrono::steady_clock::now() - started;
    log_request(http, outcome, response.status, result ? nullptr : &result.error(), elapsed);
    if (metrics_ != nullptr) {
      bool resolved = request && resolved_endpoint(response.status);
      metrics_->record({.operation = query_parameter(http.query, "operation").value_or(""),
                        .endpoint = resolved ? std::string_view(request->endpoint) : "",
                        .outcome = outcome,
                        .http_status = response.status,
                        .duration = elapsed});
    }
    return response;
  }

 private:
  // The service looks the endpoint up before anything else: a 404 is its refusal of the
  // endpoint, and a 5xx may be the lookup failing. Any other answer came from a known endpoint.
  static bool resolved_endpoint(unsigned status) { return status != 404 && status < 500; }

  scep::Service& service_;
  ScepMetrics* metrics_;
};

// SCEP runs where it was read, but for a request that may wait on a remote service: that one
// would hold up every other connection of its thread.
Execution scep_execution(scep::Service& service, const Request& http) {
  auto operation = scep::parse_operation(query_parameter(http.query, "operation").value_or(""));
  bool remote = operation && service.may_wait_on_remote(uri_extension(http.path), *operation);
  return remote ? Execution::remote_wait_pool : Execution::connection_thread;
}

}  // namespace

//= https://www.rfc-editor.org/rfc/rfc8894#section-4.1
// Both methods: PKIOperation comes by POST (binary) or by GET (base64 in the query).
void add_scep_routes(Router& router, scep::Service& service, ScepMetrics* metrics) {
  for (const char* method : {"GET", "POST"}) {
    router.add(method, std::string(kScepPath), ScepHandler{service, metrics},
               [&service](const Request& http) { return scep_execution(service, http); });
  }
}

}  // namespace scepter::http
