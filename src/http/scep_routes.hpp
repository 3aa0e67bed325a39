#pragma once
// SCEP over HTTP: /scep/{uri_extension}[/any/sub/path]?operation=...&message=... by GET and POST,
// decoded into a scep::Request for the engine; one log line per request.

#include "http/router.hpp"
#include "scep/service.hpp"

namespace scepter::http {

// `service` must outlive the router and accept calls from several threads at once.
void add_scep_routes(Router& router, scep::Service& service);

}  // namespace scepter::http
