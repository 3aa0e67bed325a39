#pragma once
// The admin REST API under /api/v1 (see rest_routes.hpp for the table and openapi.hpp for its
// description): bearer authentication, role scoping by the admin services, problem+json errors
// (also for the errors the session answers itself), and Cache-Control: no-store on every answer.

#include "admin/auth.hpp"
#include "admin/workspace.hpp"
#include "http/router.hpp"

namespace scepter::http {

struct RestContext {
  admin::Workspace& workspace;
  admin::AuthPolicy auth_policy{};
};

// Registers /api/v1 on the router. The workspace must outlive the router; handlers run on any
// thread (the services share nothing but the thread-safe store).
void add_rest_routes(Router& router, RestContext context);

}  // namespace scepter::http
