#pragma once
// The OpenAPI 3.1 description of the REST API, generated from the route table that the router
// serves (rest_routes()), so that documentation and routes cannot differ.

#include <nlohmann/json.hpp>
#include <vector>

#include "http/rest_routes.hpp"

namespace scepter::http {

nlohmann::json openapi_document(const std::vector<RestRoute>& routes);

}  // namespace scepter::http
