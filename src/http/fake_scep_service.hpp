#pragma once
// Test double for the SCEP engine: records every request and answers as the test says.

#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "scep/service.hpp"

namespace scepter::http::testing {

class FakeScepService : public scep::Service {
 public:
  using Behaviour = std::function<Result<scep::Response>(const scep::Request&, scep::Outcome&)>;

  // Set before the first request: handle() reads it without a lock.
  void answer_with(Behaviour behaviour) { behaviour_ = std::move(behaviour); }

  Result<scep::Response> handle(const scep::Request& request, scep::Outcome& outcome) override {
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }
    if (behaviour_) return behaviour_(request, outcome);
    return scep::Response{"application/x-pki-message", to_bytes("reply")};
  }

  std::vector<scep::Request> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  Behaviour behaviour_;
  mutable std::mutex mutex_;
  std::vector<scep::Request> requests_;
};

}  // namespace scepter::http::testing
