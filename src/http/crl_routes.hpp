#pragma once
// CRL distribution point: GET /crl/{ca_id}.crl answers the CA's current CRL in DER, the URL that
// issued certificates name in cRLDistributionPoints.

#include <functional>

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "http/router.hpp"

namespace scepter::http {

using CrlSource = std::function<Result<Bytes>(long long ca_id)>;

void add_crl_routes(Router& router, CrlSource source);

}  // namespace scepter::http
