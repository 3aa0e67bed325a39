#include "http/health_routes.hpp"

#include <string>

namespace scepter::http {

void add_health_routes(Router& router, ReadinessCheck ready) {
  router.add(
      "GET", "/healthz", [](const Request&) { return text_response(200, "ok"); },
      Execution::connection_thread);
  router.add("GET", "/readyz", [ready = std::move(ready)](const Request&) {
    if (auto status = ready(); !status) {
      return text_response(503, "not ready: " + status.error().client_text);
    }
    return text_response(200, "ready");
  });
}

void add_metrics_route(Router& router, const MetricsRegistry& registry) {
  router.add("GET", "/metrics", [&registry](const Request&) {
    return Response{200, std::string(kMetricsContentType), registry.render(), {}};
  });
}

}  // namespace scepter::http
