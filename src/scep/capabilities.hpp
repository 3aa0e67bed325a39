#pragma once
// GetCACaps (RFC 8894 section 3.5): what this endpoint supports, one keyword per line.

#include <string>

#include "scep/authority.hpp"
#include "scep/service.hpp"

namespace scepter::scep {

std::string capabilities(const EndpointContext& endpoint);
// The GetCACaps reply: capabilities() as text/plain.
Response capabilities_response(const EndpointContext& endpoint);

}  // namespace scepter::scep
