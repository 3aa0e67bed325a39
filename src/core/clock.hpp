#pragma once

#include <chrono>

namespace scepter {

using TimePoint = std::chrono::system_clock::time_point;

// Time is injected so that validity windows, signingTime checks and throttling are testable.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint at) : at_(at) {}
  TimePoint now() const override { return at_; }
  void advance(std::chrono::seconds by) { at_ += by; }

 private:
  TimePoint at_;
};

// Seconds since the Unix epoch, the form the store keeps times in.
inline long long to_unix(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}
inline TimePoint from_unix(long long seconds) {
  return TimePoint{std::chrono::seconds{seconds}};
}

}  // namespace scepter
