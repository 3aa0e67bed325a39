#pragma once
// The transport-free SCEP engine (RFC 8894): a decoded request in, reply bytes and a content type
// out. Policy (who may enroll, what is issued) is the Authority's.

#include <chrono>

#include "core/clock.hpp"
#include "scep/authority.hpp"
#include "scep/service.hpp"

namespace scepter::scep {

struct EngineOptions {
  // How far a request's signingTime may be from the engine's clock, either way.
  std::chrono::seconds signing_time_skew = std::chrono::hours(24);
};

// Stateless apart from its references: handle() may run on many threads at once.
class Engine final : public Service {
 public:
  Engine(Authority& authority, const Clock& clock, EngineOptions options = {});

  Result<Response> handle(const Request& request, Outcome& outcome) override;
  bool may_wait_on_remote(std::string_view endpoint, Operation operation) override;

 private:
  Result<Response> dispatch(const Request& request, Outcome& outcome);
  Result<Response> pki_operation(const EndpointContext& endpoint, const Request& request,
                                 Outcome& outcome);

  Authority& authority_;
  const Clock& clock_;
  EngineOptions options_;
};

}  // namespace scepter::scep
