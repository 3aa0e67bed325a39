#pragma once
// GetCACert and GetNextCACert replies (RFC 8894 sections 4.2 and 4.7).

#include "core/clock.hpp"
#include "core/error.hpp"
#include "scep/authority.hpp"
#include "scep/service.hpp"

namespace scepter::scep {

// In the endpoint's CaCertFormat: the RA certificate alone (PEM or DER), or a degenerate
// SignedData with the RA certificate followed by the CA chain.
Result<Response> ca_cert_response(const EndpointContext& endpoint);

// not_found while no rollover is prepared; otherwise the next CA chain, signed by the RA.
Result<Response> next_ca_cert_response(const EndpointContext& endpoint, TimePoint now);

}  // namespace scepter::scep
