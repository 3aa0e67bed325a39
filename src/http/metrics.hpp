#pragma once
// A small metrics registry rendered in the Prometheus text exposition format (version 0.0.4).
// Counting is lock-free: a series is an atomic that callers keep a reference to or find under a
// shared (reader) lock; only the first use of a new label set takes the writer lock.
// Families are registered at start-up, before render() or any counting runs concurrently.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace scepter::http {

// One named metric and its series, able to write itself out.
class Metric {
 public:
  virtual ~Metric() = default;
  virtual void render(std::string& out) const = 0;
};

class Counter {
 public:
  void add(std::uint64_t amount = 1) { value_.fetch_add(amount, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// Counters that share a name and differ in label values.
class CounterFamily : public Metric {
 public:
  // Label values come from clients (endpoint names, operations): past max_series distinct label
  // sets, new ones are counted under kOverflowLabel in every label instead of growing forever.
  static constexpr std::string_view kOverflowLabel = "_other";

  CounterFamily(std::string name, std::string help, std::vector<std::string> label_names,
                std::size_t max_series = 1000);

  // The counter for these label values, one per label name in order (extra or missing values
  // are a programming error and are padded or dropped).
  Counter& with(const std::vector<std::string>& label_values);
  void render(std::string& out) const override;

 private:
  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
  std::size_t max_series_;
  mutable std::shared_mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<Counter>, std::less<>> series_;
};

// Observations of a duration in seconds, in cumulative buckets.
class Histogram : public Metric {
 public:
  static constexpr std::array<double, 12> kLatencyBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                            0.5,   1,    2.5,   5,    10,  30};

  Histogram(std::string name, std::string help);
  void observe(std::chrono::nanoseconds duration);
  void render(std::string& out) const override;

 private:
  std::string name_;
  std::string help_;
  std::array<std::atomic<std::uint64_t>, kLatencyBounds.size() + 1> buckets_{};  // last: +Inf
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_nanoseconds_{0};
};

class MetricsRegistry {
 public:
  // The returned references stay valid for the registry's lifetime.
  CounterFamily& counter(std::string name, std::string help, std::vector<std::string> labels = {});
  Histogram& histogram(std::string name, std::string help);
  // Sampled at render time; a nullopt sample (the source is unavailable) leaves the gauge out.
  void gauge(std::string name, std::string help, std::function<std::optional<double>()> sample);

  std::string render() const;

 private:
  // In registration order, which is the order of the rendered text.
  std::vector<std::unique_ptr<Metric>> metrics_;
};

// The Content-Type of render()'s output.
inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace scepter::http
