#pragma once
// SIGTERM and SIGINT, delivered to one waiting thread instead of interrupting whichever thread
// happens to run: the server then drains in-flight requests and exits 0.

#include <functional>
#include <thread>

namespace scepter::app {

class ShutdownSignal {
 public:
  // Blocks SIGTERM/SIGINT in the calling thread (and so in every thread started after it) and
  // starts a thread that calls on_signal once when either arrives.
  explicit ShutdownSignal(std::function<void()> on_signal);
  ~ShutdownSignal();
  ShutdownSignal(const ShutdownSignal&) = delete;
  ShutdownSignal& operator=(const ShutdownSignal&) = delete;

 private:
  std::thread waiter_;
};

}  // namespace scepter::app
