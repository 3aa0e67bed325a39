#pragma once
// What /proc tells about the server under test (Linux only).

#include <sys/types.h>

#include <optional>
#include <span>

namespace scepter::bench {

// utime + stime of the process, in seconds; nullopt when the process is gone or unreadable.
std::optional<double> cpu_seconds(pid_t pid);

struct MemoryUse {
  long rss_kib = 0;       // VmRSS
  long peak_rss_kib = 0;  // VmHWM
};
std::optional<MemoryUse> memory_use(pid_t pid);

// Several nodes serving one run: their CPU seconds added up (nullopt when any one is gone), and
// the largest RSS and peak RSS among them.
std::optional<double> total_cpu_seconds(std::span<const pid_t> pids);
std::optional<MemoryUse> largest_memory_use(std::span<const pid_t> pids);

// CPU time consumed by the calling thread so far, in seconds.
double thread_cpu_seconds();

}  // namespace scepter::bench
