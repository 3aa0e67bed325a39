#pragma once
// For the tests' blocking HTTP clients: an Asio operation run under a time limit, so that a
// server that never answers fails the test instead of hanging it. A socket receive timeout cannot
// do this: Asio's blocking reads poll again after it.

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/error.hpp>
#include <chrono>

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

}  // namespace scepter::http::testing
