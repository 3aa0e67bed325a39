#include "bench/load_run.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "scep/media_types.hpp"

namespace scepter::bench {
namespace {

struct Exchange {
  int status = 0;
  Bytes body;
  std::string transport_error;
  double seconds = 0;
};

double percentile(std::vector<double> sorted, double fraction) {
  if (sorted.empty()) return 0;
  auto index = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

}  // namespace

LoadResult run_load(const LoadOptions& options, const std::vector<Enrollment>& enrollments,
                    const crypto::Certificate& recipient, unsigned check_threads) {
  const auto count = enrollments.size();
  std::vector<Exchange> exchanges(count);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> completed{0};
  std::mutex checkpoint_mutex;
  LoadResult result;
  result.requests = count;

  const bool watch_servers = !options.server_pids.empty();
  auto cpu_before = watch_servers ? total_cpu_seconds(options.server_pids) : std::nullopt;
  auto started = std::chrono::steady_clock::now();
  {
    std::vector<std::jthread> workers;
    for (unsigned t = 0; t < std::max(1u, options.concurrency); ++t) {
      workers.emplace_back([&] {
        // One keep-alive connection per node, opened on first use.
        std::vector<std::unique_ptr<HttpConnection>> connections;
        for (const auto& url : options.urls) {
          connections.push_back(std::make_unique<HttpConnection>(url));
        }
        for (auto i = next++; i < count; i = next++) {
          auto& exchange = exchanges[i];
          auto& connection = *connections[i % connections.size()];
          auto sent = std::chrono::steady_clock::now();
          try {
            auto response = connection.post("operation=PKIOperation", scep::media_type::pki_message,
                                            enrollments[i].message);
            exchange.status = response.status;
            exchange.body = std::move(response.body);
          } catch (const std::exception& error) {
            exchange.transport_error = error.what();
          }
          exchange.seconds =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
          auto done = ++completed;
          if (watch_servers && std::ranges::find(options.memory_checkpoints, done) !=
                                   options.memory_checkpoints.end()) {
            if (auto memory = largest_memory_use(options.server_pids)) {
              std::lock_guard lock(checkpoint_mutex);
              result.checkpoints.push_back({done, *memory});
            }
          }
        }
      });
    }
  }
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (watch_servers) {
    auto cpu_after = total_cpu_seconds(options.server_pids);
    if (cpu_before && cpu_after) result.server_cpu_seconds = *cpu_after - *cpu_before;
    result.server_memory_after = largest_memory_use(options.server_pids);
  }

  std::vector<ReplyCheck> checks(count);
  {
    std::atomic<std::size_t> next_check{0};
    std::vector<std::jthread> workers;
    for (unsigned t = 0; t < std::max(1u, check_threads); ++t) {
      workers.emplace_back([&] {
        for (auto i = next_check++; i < count; i = next_check++) {
          const auto& exchange = exchanges[i];
          checks[i] = exchange.transport_error.empty()
                          ? check_reply(enrollments[i], recipient, exchange.status, exchange.body)
                          : ReplyCheck{false, "transport: " + exchange.transport_error, {}};
        }
      });
    }
  }

  std::unordered_set<std::string> serials;
  std::vector<double> latencies;
  latencies.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    latencies.push_back(exchanges[i].seconds * 1000);
    if (!checks[i].ok) {
      ++result.failed;
      ++result.problems[checks[i].problem];
      continue;
    }
    ++result.succeeded;
    if (!serials.insert(checks[i].serial_hex).second) ++result.duplicate_serials;
  }
  std::ranges::sort(latencies);
  result.p50_ms = percentile(latencies, 0.50);
  result.p90_ms = percentile(latencies, 0.90);
  result.p99_ms = percentile(latencies, 0.99);
  result.max_ms = latencies.empty() ? 0 : latencies.back();
  result.enrollments_per_second =
      result.wall_seconds > 0 ? static_cast<double>(result.succeeded) / result.wall_seconds : 0;
  if (result.server_cpu_seconds && result.succeeded > 0) {
    result.server_cpu_per_enrollment =
        *result.server_cpu_seconds / static_cast<double>(result.succeeded);
  }
  std::ranges::sort(result.checkpoints, {}, &MemoryCheckpoint::completed);
  return result;
}

}  // namespace scepter::bench
