#pragma once
// For the tests' blocking HTTP clients: an Asio operation run under a time limit, so that a
// server that never answers fails the test instead of hanging it. A socket receive timeout cannot
// do this: Asio's blocking reads poll again after it.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/error.hpp>
#include <chrono>
#include <thread>

namespace scepter::http::testing {

inline constexpr std::chrono::seconds kClientTimeLimit{5};

// Runs on `io` the operation that `start` begins with the completion handler it is given, until
// it completes or kClientTimeLimit passes; then `cancel` aborts it (operation_aborted).
template <class Start, class Cancel>
boost::beast::error_code within_time_limit(boost::asio::io_context& io, Start start,
                                           Cancel cancel) {
  boost::beast::error_code result;
  bool completed = false;
  start([&](boost::beast::error_code ec, auto&&...) {
    result = ec;
    completed = true;
  });
  io.restart();
  io.run_for(kClientTimeLimit);
  if (!completed) {
    cancel();
    io.restart();
    io.run();
  }
  return result;
}

// Whether `flag` is true, or becomes so before `limit` passes (a server's run() returning).
inline bool becomes_true_within(const std::atomic<bool>& flag, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!flag && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return flag;
}

}  // namespace scepter::http::testing
