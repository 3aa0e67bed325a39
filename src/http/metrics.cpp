#include "http/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

namespace scepter::http {
namespace {

// Label values may hold anything a client sent: backslash, quote and newline are escaped.
void append_escaped(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

void append_header(std::string& out, std::string_view name, std::string_view help,
                   std::string_view type) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

std::string format_number(double value) {
  return fmt::format("{}", value);
}

class Gauge : public Metric {
 public:
  Gauge(std::string name, std::string help, std::function<std::optional<double>()> sample)
      : name_(std::move(name)), help_(std::move(help)), sample_(std::move(sample)) {}

  void render(std::string& out) const override {
    auto value = sample_();
    if (!value) return;
    append_header(out, name_, help_, "gauge");
    out += fmt::format("{} {}\n", name_, format_number(*value));
  }

 private:
  std::string name_;
  std::string help_;
  std::function<std::optional<double>()> sample_;
};

}  // namespace

CounterFamily::CounterFamily(std::string name, std::string help,
                             std::vector<std::string> label_names, std::size_t max_series)
    : name_(std::move(name)),
      help_(std::move(help)),
      label_names_(std::move(label_names)),
      max_series_(max_series) {}

Counter& CounterFamily::with(const std::vector<std::string>& label_values) {
  {
    std::shared_lock lock(mutex_);
    if (auto found = series_.find(label_values); found != series_.end()) return *found->second;
  }
  auto key = label_values;
  key.resize(label_names_.size());
  std::unique_lock lock(mutex_);
  if (series_.size() >= max_series_ && !series_.contains(key)) {
    key.assign(label_names_.size(), std::string(kOverflowLabel));
  }
  auto& counter = series_[key];
  if (!counter) counter = std::make_unique<Counter>();
  return *counter;
}

void CounterFamily::render(std::string& out) const {
  append_header(out, name_, help_, "counter");
  std::shared_lock lock(mutex_);
  for (const auto& [values, counter] : series_) {
    out += name_;
    if (!label_names_.empty()) {
      out += '{';
      for (std::size_t i = 0; i < label_names_.size(); ++i) {
        if (i > 0) out += ',';
        out += label_names_[i];
        out += "=\"";
        append_escaped(out, values[i]);
        out += '"';
      }
      out += '}';
    }
    out += fmt::format(" {}\n", counter->value());
  }
}

Histogram::Histogram(std::string name, std::string help)
    : name_(std::move(name)), help_(std::move(help)) {}

void Histogram::observe(std::chrono::nanoseconds duration) {
  double seconds = std::chrono::duration<double>(duration).count();
  std::size_t bucket = 0;
  while (bucket < kLatencyBounds.size() && seconds > kLatencyBounds[bucket]) ++bucket;
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_nanoseconds_.fetch_add(
      static_cast<std::uint64_t>(std::max<std::int64_t>(0, duration.count())),
      std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

void Histogram::render(std::string& out) const {
  append_header(out, name_, help_, "histogram");
  // Buckets are read one by one while others may count: each line is a consistent snapshot of
  // its own counter, which is all the format promises to a scraper.
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    auto bound = i < kLatencyBounds.size() ? format_number(kLatencyBounds[i]) : "+Inf";
    out += fmt::format("{}_bucket{{le=\"{}\"}} {}\n", name_, bound, cumulative);
  }
  double sum = static_cast<double>(sum_nanoseconds_.load(std::memory_order_relaxed)) / 1e9;
  out += fmt::format("{}_sum {}\n", name_, format_number(sum));
  out += fmt::format("{}_count {}\n", name_, count_.load(std::memory_order_relaxed));
}

CounterFamily& MetricsRegistry::counter(std::string name, std::string help,
                                        std::vector<std::string> labels) {
  auto family =
      std::make_unique<CounterFamily>(std::move(name), std::move(help), std::move(labels));
  auto& added = *family;
  metrics_.push_back(std::move(family));
  return added;
}

Histogram& MetricsRegistry::histogram(std::string name, std::string help) {
  auto histogram = std::make_unique<Histogram>(std::move(name), std::move(help));
  auto& added = *histogram;
  metrics_.push_back(std::move(histogram));
  return added;
}

void MetricsRegistry::gauge(std::string name, std::string help,
                            std::function<std::optional<double>()> sample) {
  metrics_.push_back(std::make_unique<Gauge>(std::move(name), std::move(help), std::move(sample)));
}

std::string MetricsRegistry::render() const {
  std::string out;
  for (const auto& metric : metrics_) metric->render(out);
  return out;
}

}  // namespace scepter::http
