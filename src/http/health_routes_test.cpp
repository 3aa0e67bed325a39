#include "http/health_routes.hpp"

#include <gtest/gtest.h>

namespace scepter::http {
namespace {

Request get(std::string path) {
  Request request;
  request.method = "GET";
  request.path = std::move(path);
  return request;
}

TEST(HealthRoutes, LivenessIsOkWhateverReadinessSays) {
  Router router;
  add_health_routes(router, [] { return Status(fail(ErrorCategory::unavailable, "database")); });
  auto response = router.dispatch(get("/healthz"));
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body, "ok");
}

TEST(HealthRoutes, ReadinessFollowsTheCheck) {
  Router router;
  Status state;
  add_health_routes(router, [&state] { return state; });
  auto ready = router.dispatch(get("/readyz"));
  EXPECT_EQ(ready.status, 200u);
  EXPECT_EQ(ready.body, "ready");

  state = fail(ErrorCategory::unavailable, "database unreachable", "sqlite: disk I/O error");
  auto not_ready = router.dispatch(get("/readyz"));
  EXPECT_EQ(not_ready.status, 503u);
  EXPECT_EQ(not_ready.body, "not ready: database unreachable");  // never the log text
}

TEST(HealthRoutes, MetricsAnswerInPrometheusTextFormat) {
  Router router;
  MetricsRegistry registry;
  registry.counter("probe_total", "Probes.").with({}).add(3);
  add_metrics_route(router, registry);
  auto response = router.dispatch(get("/metrics"));
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(response.body.find("\nprobe_total 3\n"), std::string::npos);
  Request post = get("/metrics");
  post.method = "POST";
  EXPECT_EQ(router.dispatch(post).status, 405u);
}

}  // namespace
}  // namespace scepter::http
