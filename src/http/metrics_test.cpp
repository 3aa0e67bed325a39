#include "http/metrics.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "http/scep_metrics.hpp"

namespace scepter::http {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(Metrics, CounterFamilyRendersHelpTypeAndSortedSeries) {
  MetricsRegistry registry;
  auto& family = registry.counter("demo_total", "Demo things.", {"kind", "code"});
  family.with({"b", "200"}).add();
  family.with({"a", "404"}).add(2);
  family.with({"b", "200"}).add();
  EXPECT_EQ(registry.render(),
            "# HELP demo_total Demo things.\n"
            "# TYPE demo_total counter\n"
            "demo_total{kind=\"a\",code=\"404\"} 2\n"
            "demo_total{kind=\"b\",code=\"200\"} 2\n");
}

TEST(Metrics, UnlabelledCounterHasNoBraces) {
  MetricsRegistry registry;
  registry.counter("plain_total", "Plain.").with({}).add(7);
  EXPECT_THAT(registry.render(), HasSubstr("\nplain_total 7\n"));
}

TEST(Metrics, LabelValuesAreEscaped) {
  MetricsRegistry registry;
  registry.counter("odd_total", "Odd.", {"value"}).with({"a\"b\\c\nd"}).add();
  EXPECT_THAT(registry.render(), HasSubstr("odd_total{value=\"a\\\"b\\\\c\\nd\"} 1\n"));
}

TEST(Metrics, SeriesBeyondTheLimitShareTheOverflowLabel) {
  CounterFamily family("capped_total", "Capped.", {"endpoint"}, 2);
  family.with({"one"}).add();
  family.with({"two"}).add();
  family.with({"three"}).add();
  family.with({"four"}).add();
  family.with({"one"}).add();  // known series keep counting on their own
  std::string out;
  family.render(out);
  EXPECT_THAT(out, HasSubstr("capped_total{endpoint=\"one\"} 2\n"));
  EXPECT_THAT(out, HasSubstr("capped_total{endpoint=\"_other\"} 2\n"));
  EXPECT_THAT(out, Not(HasSubstr("three")));
}

TEST(Metrics, WrongNumberOfLabelValuesIsPaddedNotACrash) {
  CounterFamily family("pad_total", "Pad.", {"a", "b"});
  family.with({"x"}).add();
  std::string out;
  family.render(out);
  EXPECT_THAT(out, HasSubstr("pad_total{a=\"x\",b=\"\"} 1\n"));
}

TEST(Metrics, HistogramBucketsAreCumulativeWithSumAndCount) {
  MetricsRegistry registry;
  auto& histogram = registry.histogram("latency_seconds", "Latency.");
  histogram.observe(3ms);   // <= 0.005
  histogram.observe(20ms);  // <= 0.025
  histogram.observe(40s);   // +Inf only
  auto out = registry.render();
  EXPECT_THAT(out, HasSubstr("# TYPE latency_seconds histogram\n"));
  EXPECT_THAT(out, HasSubstr("latency_seconds_bucket{le=\"0.005\"} 1\n"));
  EXPECT_THAT(out, HasSubstr("latency_seconds_bucket{le=\"0.01\"} 1\n"));
  EXPECT_THAT(out, HasSubstr("latency_seconds_bucket{le=\"0.025\"} 2\n"));
  EXPECT_THAT(out, HasSubstr("latency_seconds_bucket{le=\"30\"} 2\n"));
  EXPECT_THAT(out, HasSubstr("latency_seconds_bucket{le=\"+Inf\"} 3\n"));
  EXPECT_THAT(out, HasSubstr("latency_seconds_sum 40.023\n"));
  EXPECT_THAT(out, HasSubstr("latency_seconds_count 3\n"));
}

TEST(Metrics, GaugeIsSampledAtRenderAndLeftOutWhenUnavailable) {
  MetricsRegistry registry;
  std::optional<double> pending = 4;
  registry.gauge("pending", "Pending.", [&pending] { return pending; });
  EXPECT_THAT(registry.render(), HasSubstr("# TYPE pending gauge\npending 4\n"));
  pending.reset();
  EXPECT_EQ(registry.render(), "");
}

TEST(Metrics, ConcurrentCountingLosesNothing) {
  MetricsRegistry registry;
  auto& family = registry.counter("busy_total", "Busy.", {"thread"});
  std::vector<std::jthread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&family, t] {
      for (int i = 0; i < 10000; ++i) family.with({t % 2 == 0 ? "even" : "odd"}).add();
    });
  }
  threads.clear();
  auto out = registry.render();
  EXPECT_THAT(out, HasSubstr("busy_total{thread=\"even\"} 20000\n"));
  EXPECT_THAT(out, HasSubstr("busy_total{thread=\"odd\"} 20000\n"));
}

scep::Outcome outcome(std::string type, std::string status, std::string fail_info = "") {
  return scep::Outcome{.message_type = std::move(type),
                       .status = std::move(status),
                       .fail_info = std::move(fail_info)};
}

TEST(ScepMetrics, CountsRequestsIssuanceFailuresAndEnrollmentLatency) {
  MetricsRegistry registry;
  ScepMetrics metrics(registry);
  auto issued = outcome("PKCSReq", "SUCCESS");
  auto refused = outcome("PKCSReq", "FAILURE", "badRequest");
  auto caps = outcome("", "");
  metrics.record({"PKIOperation", "demo", issued, 200, 30ms});
  metrics.record({"PKIOperation", "demo", refused, 200, 10ms});
  metrics.record({"GetCACaps", "demo", caps, 200, 1ms});
  auto out = registry.render();
  EXPECT_THAT(out, HasSubstr("scepter_scep_requests_total{operation=\"PKIOperation\","
                             "message_type=\"PKCSReq\",endpoint=\"demo\",http_status=\"200\","
                             "pki_status=\"SUCCESS\"} 1\n"));
  EXPECT_THAT(out, HasSubstr("scepter_scep_requests_total{operation=\"GetCACaps\","
                             "message_type=\"\",endpoint=\"demo\",http_status=\"200\","
                             "pki_status=\"\"} 1\n"));
  EXPECT_THAT(out, HasSubstr("scepter_certificates_issued_total{endpoint=\"demo\"} 1\n"));
  EXPECT_THAT(out, HasSubstr("scepter_scep_failures_total{fail_info=\"badRequest\"} 1\n"));
  EXPECT_THAT(out, HasSubstr("scepter_scep_enrollment_duration_seconds_count 2\n"));
}

TEST(ScepMetrics, ClientChosenNamesDoNotBecomeLabels) {
  MetricsRegistry registry;
  ScepMetrics metrics(registry);
  auto none = outcome("", "");
  metrics.record({"MadeUpOperation", "demo", none, 400, 1ms});
  metrics.record({"GetCACaps", "", none, 404, 1ms});
  auto out = registry.render();
  EXPECT_THAT(out, Not(HasSubstr("MadeUpOperation")));
  EXPECT_THAT(out, HasSubstr("operation=\"_unknown\",message_type=\"\",endpoint=\"demo\""));
  EXPECT_THAT(out, HasSubstr("operation=\"GetCACaps\",message_type=\"\",endpoint=\"_unknown\""));
}

TEST(ScepMetrics, PendingIsNeitherIssuedNorFailed) {
  MetricsRegistry registry;
  ScepMetrics metrics(registry);
  auto pending = outcome("PKCSReq", "PENDING");
  metrics.record({"PKIOperation", "demo", pending, 200, 5ms});
  auto out = registry.render();
  EXPECT_THAT(out, Not(HasSubstr("scepter_certificates_issued_total{")));
  EXPECT_THAT(out, Not(HasSubstr("scepter_scep_failures_total{")));
  EXPECT_THAT(out, HasSubstr("pki_status=\"PENDING\"} 1\n"));
}

}  // namespace
}  // namespace scepter::http
