#include "bench/process_stats.hpp"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

namespace scepter::bench {

std::optional<double> cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(in, text)) return std::nullopt;
  // The command name (field 2) may hold spaces; fields are counted after its closing ')'.
  auto close = text.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int index = 3; fields >> field; ++index) {
    if (index == 14) utime = std::stoull(field);
    if (index == 15) {
      stime = std::stoull(field);
      return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
    }
  }
  return std::nullopt;
}

std::optional<MemoryUse> memory_use(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  if (!in) return std::nullopt;
  MemoryUse use;
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("VmRSS:")) use.rss_kib = std::stol(line.substr(6));
    if (line.starts_with("VmHWM:")) use.peak_rss_kib = std::stol(line.substr(6));
  }
  return use;
}

std::optional<double> total_cpu_seconds(std::span<const pid_t> pids) {
  double total = 0;
  for (auto pid : pids) {
    auto seconds = cpu_seconds(pid);
    if (!seconds) return std::nullopt;
    total += *seconds;
  }
  return total;
}

std::optional<MemoryUse> largest_memory_use(std::span<const pid_t> pids) {
  std::optional<MemoryUse> largest;
  for (auto pid : pids) {
    auto use = memory_use(pid);
    if (!use) continue;
    if (!largest) largest = MemoryUse{};
    largest->rss_kib = std::max(largest->rss_kib, use->rss_kib);
    largest->peak_rss_kib = std::max(largest->peak_rss_kib, use->peak_rss_kib);
  }
  return largest;
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

}  // namespace scepter::bench
