#pragma once
// Probes and metrics for orchestrators and scrapers, on both listeners:
//   GET /healthz  liveness: 200 "ok" whenever the process answers at all
//   GET /readyz   readiness: 200 "ready", or 503 "not ready: REASON" when the check fails
//   GET /metrics  the registry in Prometheus text format

#include <functional>

#include "core/error.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace scepter::http {

// Runs on every /readyz call, on a server thread: keep it cheap. Its error's client_text becomes
// the reason, so it must say nothing secret.
using ReadinessCheck = std::function<Status()>;

void add_health_routes(Router& router, ReadinessCheck ready);
// `registry` must outlive the router.
void add_metrics_route(Router& router, const MetricsRegistry& registry);

}  // namespace scepter::http
