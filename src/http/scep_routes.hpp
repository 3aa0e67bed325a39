#pragma once
// SCEP over HTTP: /scep/{uri_extension}[/any/sub/path]?operation=...&message=... by GET and POST,
// decoded into a scep::Request for the engine; one log line and one metrics record per request.

#include "http/router.hpp"
#include "http/scep_metrics.hpp"
#include "scep/service.hpp"

namespace scepter::http {

// `service` (and `metrics`, when given) must outlive the router and accept calls from several
// threads at once. Every request is logged and, with `metrics`, counted.
void add_scep_routes(Router& router, scep::Service& service, ScepMetrics* metrics = nullptr);

}  // namespace scepter::http
