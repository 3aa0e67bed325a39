#pragma once
// The SCEP series of /metrics, fed by the SCEP routes once per request.

#include <chrono>
#include <string_view>

#include "http/metrics.hpp"
#include "scep/service.hpp"

namespace scepter::http {

// What one SCEP request ended as, as the routes saw it.
struct ScepRequestRecord {
  std::string_view operation;  // as sent; only known operation names become labels
  std::string_view endpoint;   // the URI extension once the service resolved it, else empty
  const scep::Outcome& outcome;
  unsigned http_status;
  std::chrono::nanoseconds duration;
};

class ScepMetrics {
 public:
  // Registers the series in `registry`, which must outlive this object.
  explicit ScepMetrics(MetricsRegistry& registry);

  // Lock-free once a label set has been seen; safe from many threads at once.
  void record(const ScepRequestRecord& request);

 private:
  CounterFamily& requests_;
  Histogram& enrollment_duration_;
  CounterFamily& issued_;
  CounterFamily& failures_;
};

}  // namespace scepter::http
