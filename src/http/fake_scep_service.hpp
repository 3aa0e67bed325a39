#pragma once
// Test double for the SCEP engine: records every request and answers as the test says.

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scep/service.hpp"

namespace scepter::http::testing {

class FakeScepService : public scep::Service {
 public:
  using Behaviour = std::function<Result<scep::Response>(const scep::Request&, scep::Outcome&)>;

  // Set before the first request: handle() reads it without a lock.
  void answer_with(Behaviour behaviour) { behaviour_ = std::move(behaviour); }
  // Set before the first request: PKIOperations on this endpoint may wait on a remote service.
  void waits_on_remote_for(std::string endpoint) { remote_endpoint_ = std::move(endpoint); }

  bool may_wait_on_remote(std::string_view endpoint, scep::Operation operation) override {
    return operation == scep::Operation::pki_operation && endpoint == remote_endpoint_;
  }

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
  std::string remote_endpoint_;
  mutable std::mutex mutex_;
  std::vector<scep::Request> requests_;
};

}  // namespace scepter::http::testing
