#include "http/scep_metrics.hpp"

#include <string>

#include "scep/types.hpp"

namespace scepter::http {
namespace {

constexpr std::string_view kUnknown = "_unknown";

bool is_enrollment(std::string_view message_type) {
  return message_type == "PKCSReq" || message_type == "RenewalReq";
}

// CertPoll's SUCCESS hands over a certificate that was pending approval.
bool delivers_certificate(const scep::Outcome& outcome) {
  return outcome.status == "SUCCESS" &&
         (is_enrollment(outcome.message_type) || outcome.message_type == "CertPoll");
}

}  // namespace

ScepMetrics::ScepMetrics(MetricsRegistry& registry)
    : requests_(registry.counter(
          "scepter_scep_requests_total",
          "SCEP requests by operation, message type, endpoint, HTTP status and pkiStatus.",
          {"operation", "message_type", "endpoint", "http_status", "pki_status"})),
      enrollment_duration_(registry.histogram(
          "scepter_scep_enrollment_duration_seconds",
          "Time to answer PKCSReq and RenewalReq messages, from request to CertRep.")),
      issued_(registry.counter("scepter_certificates_issued_total",
                               "Certificates handed out in a SUCCESS CertRep (PKCSReq, "
                               "RenewalReq, CertPoll); a retried transaction counts again.",
                               {"endpoint"})),
      failures_(registry.counter("scepter_scep_failures_total", "FAILURE CertReps by failInfo.",
                                 {"fail_info"})) {}

void ScepMetrics::record(const ScepRequestRecord& request) {
  const auto& outcome = request.outcome;
  // Unknown endpoints and operations are whatever a client typed: one label for all of them.
  auto operation = scep::parse_operation(request.operation) ? request.operation : kUnknown;
  auto endpoint = request.endpoint.empty() ? kUnknown : request.endpoint;
  requests_
      .with({std::string(operation), outcome.message_type, std::string(endpoint),
             std::to_string(request.http_status), outcome.status})
      .add();
  if (is_enrollment(outcome.message_type)) enrollment_duration_.observe(request.duration);
  if (delivers_certificate(outcome)) issued_.with({std::string(endpoint)}).add();
  if (outcome.status == "FAILURE") failures_.with({outcome.fail_info}).add();
}

}  // namespace scepter::http
