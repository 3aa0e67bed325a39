#pragma once
// The timed phase: N prepared PKCSReq messages POSTed at concurrency C over keep-alive
// connections, spread round-robin over one or more nodes' URLs, then every reply checked
// (untimed).

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bench/enrollment.hpp"
#include "bench/http_client.hpp"
#include "bench/process_stats.hpp"

namespace scepter::bench {

struct LoadOptions {
  std::vector<Url> urls;  // request i goes to urls[i % urls.size()]
  unsigned concurrency = 1;
  std::vector<pid_t> server_pids;               // CPU summed over them, memory of the largest
  std::vector<std::size_t> memory_checkpoints;  // sample the servers' memory after these counts
};

struct MemoryCheckpoint {
  std::size_t completed = 0;
  MemoryUse memory;
};

struct LoadResult {
  std::size_t requests = 0;
  std::size_t succeeded = 0;
  std::size_t failed = 0;
  std::size_t duplicate_serials = 0;
  std::map<std::string, std::size_t> problems;  // failure reason -> count
  double wall_seconds = 0;
  double enrollments_per_second = 0;  // succeeded / wall
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0;
  std::optional<double> server_cpu_seconds;
  std::optional<double> server_cpu_per_enrollment;
  std::optional<MemoryUse> server_memory_after;
  std::vector<MemoryCheckpoint> checkpoints;
};

LoadResult run_load(const LoadOptions& options, const std::vector<Enrollment>& enrollments,
                    const crypto::Certificate& recipient, unsigned check_threads);

}  // namespace scepter::bench
