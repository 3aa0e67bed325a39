#include "app/shutdown_signal.hpp"

#include <pthread.h>
#include <signal.h>

namespace scepter::app {
namespace {

sigset_t shutdown_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGUSR2);  // our own wake-up when the server stopped for another reason
  return set;
}

}  // namespace

ShutdownSignal::ShutdownSignal(std::function<void()> on_signal) {
  auto set = shutdown_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  waiter_ = std::thread([set, on_signal = std::move(on_signal)] {
    int received = 0;
    sigwait(&set, &received);
    if (received != SIGUSR2) on_signal();
  });
}

ShutdownSignal::~ShutdownSignal() {
  pthread_kill(waiter_.native_handle(), SIGUSR2);
  waiter_.join();
}

}  // namespace scepter::app
