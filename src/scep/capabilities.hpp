#pragma once
// GetCACaps (RFC 8894 section 3.5): what this endpoint supports, one keyword per line.

#include <string>

#include "scep/authority.hpp"

namespace scepter::scep {

std::string capabilities(const EndpointContext& endpoint);

}  // namespace scepter::scep
