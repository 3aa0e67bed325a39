// Logging in and out, admins and their API tokens.
#include <charconv>

#include "http/rest_routes.hpp"
#include "http/rest_support.hpp"

namespace scepter::http {
namespace {

const std::vector<std::string> kAdminColumns = {"name", "role", "organization", "department"};
const std::vector<std::string> kTokenColumns = {"admin", "name"};

Result<Response> login(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  JsonFields fields(body);
  SCEPTER_TRY(const auto username, fields.required_string("username"));
  SCEPTER_TRY(const auto password, fields.required_string("password"));
  SCEPTER_TRY(const auto session, call.auth.login(username, password, call.request.client_address));
  return json_response(201, admin::to_json(session));
}

Result<Response> logout(RestCall& call) {
  SCEPTER_CHECK(call.auth.logout(bearer_token(call.request)));
  return no_content();
}

Result<Response> list_admins(RestCall& call) {
  SCEPTER_TRY(const auto admins, call.auth.list_admins(call.actor));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& admin : admins) items.push_back(admin::to_json(admin));
  return list_response(call, std::move(items), kAdminColumns);
}

Result<Response> create_admin(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  JsonFields fields(body);
  admin::AdminInput input;
  SCEPTER_TRY(input.name, fields.required_string("name"));
  SCEPTER_TRY(input.role, fields.required_string("role"));
  SCEPTER_TRY(input.organization, fields.optional_string("organization"));
  SCEPTER_TRY(input.department, fields.optional_string("department"));
  SCEPTER_TRY(const auto created, call.auth.create_admin(call.actor, input));
  return json_response(201, admin::to_json(created));
}

Result<Response> disable_admin(RestCall& call) {
  SCEPTER_TRY(const auto admin,
              call.auth.set_admin_disabled(call.actor, call.path_parameter("admin"), true));
  return json_response(200, admin::to_json(admin));
}

Result<Response> enable_admin(RestCall& call) {
  SCEPTER_TRY(const auto admin,
              call.auth.set_admin_disabled(call.actor, call.path_parameter("admin"), false));
  return json_response(200, admin::to_json(admin));
}

Result<Response> list_tokens(RestCall& call) {
  SCEPTER_TRY(const auto tokens, call.auth.list_api_tokens(call.actor));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& token : tokens) items.push_back(admin::to_json(token));
  return list_response(call, std::move(items), kTokenColumns);
}

Result<Response> create_token(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  JsonFields fields(body);
  SCEPTER_TRY(const auto name, fields.required_string("name"));
  SCEPTER_TRY(const auto days, fields.optional_int("days"));
  SCEPTER_TRY(const auto issued, call.auth.create_api_token(call.actor, name, days));
  return json_response(201, admin::to_json(issued));
}

Result<Response> revoke_token(RestCall& call) {
  const auto& text = call.path_parameter("id");
  store::Id id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    return fail(ErrorCategory::not_found, "no API token has id " + text);
  }
  SCEPTER_TRY(const auto revoked, call.auth.revoke_api_token(call.actor, id));
  return json_response(200, admin::to_json(revoked));
}

}  // namespace

std::vector<RestRoute> session_routes() {
  const std::string base(kApiPrefix);
  return {
      {.method = "POST",
       .path = base + "/sessions",
       .summary = "Log in with username and password; returns a short-lived session token",
       .handler = login,
       .requires_auth = false,
       .body = {{"username", "string", "the admin's name", true},
                {"password", "string", "the admin's password", true}},
       .success_status = 201},
      {.method = "DELETE",
       .path = base + "/sessions/current",
       .summary = "Log out: end the session of the bearer token",
       .handler = logout,
       .success_status = 204},
      {.method = "GET",
       .path = base + "/admins",
       .summary = "List admins (an MRAO sees all, others themselves)",
       .handler = list_admins,
       .query = list_parameters(kAdminColumns)},
      {.method = "POST",
       .path = base + "/admins",
       .summary = "Create an admin (MRAO); returns its password and first API token once",
       .handler = create_admin,
       .body = {{"name", "string", "the admin's login name", true},
                {"role", "string", "mrao, rao or drao", true},
                {"organization", "string", "the organization of a rao or drao"},
                {"department", "string", "the department of a drao, within its organization"}},
       .success_status = 201},
      {.method = "POST",
       .path = base + "/admins/{admin}/disable",
       .summary = "Disable an admin (MRAO, not oneself): revokes their API tokens and ends their "
                  "sessions",
       .handler = disable_admin},
      {.method = "POST",
       .path = base + "/admins/{admin}/enable",
       .summary = "Enable a disabled admin again: password login only, their tokens stay revoked",
       .handler = enable_admin},
      {.method = "GET",
       .path = base + "/api-tokens",
       .summary = "List API tokens (an MRAO sees all, others their own)",
       .handler = list_tokens,
       .query = list_parameters(kTokenColumns)},
      {.method = "POST",
       .path = base + "/api-tokens",
       .summary = "Create an API token for yourself; the token is returned once",
       .handler = create_token,
       .body = {{"name", "string", "a label for the token", true},
                {"days", "integer", "days until it expires; default: the server's policy"}},
       .success_status = 201},
      {.method = "POST",
       .path = base + "/api-tokens/{id}/revoke",
       .summary = "Revoke an API token",
       .handler = revoke_token},
  };
}

}  // namespace scepter::http
