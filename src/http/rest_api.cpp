#include "http/rest_api.hpp"

#include <algorithm>
#include <memory>
#include <set>

#include "admin/json.hpp"
#include "core/codec.hpp"
#include "core/utf8.hpp"
#include "http/rest_problem.hpp"
#include "http/rest_routes.hpp"
#include "http/rest_support.hpp"

namespace scepter::http {
namespace {

std::vector<std::string_view> segments_of(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    if (path.front() == '/') path.remove_prefix(1);
    auto end = path.find('/');
    segments.push_back(path.substr(0, end));
    path = end == std::string_view::npos ? std::string_view() : path.substr(end);
  }
  return segments;
}

// The decoded {parameters} when `path` fits the template, else nothing.
std::optional<std::map<std::string, std::string>> match(std::string_view pattern,
                                                        std::string_view path) {
  const auto wanted = segments_of(pattern);
  const auto given = segments_of(path);
  if (wanted.size() != given.size()) return std::nullopt;
  std::map<std::string, std::string> parameters;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (wanted[i].starts_with('{')) {
      auto decoded = url_decode(given[i]);
      if (!decoded || decoded->empty()) return std::nullopt;
      parameters[std::string(wanted[i].substr(1, wanted[i].size() - 2))] = std::move(*decoded);
    } else if (wanted[i] != given[i]) {
      return std::nullopt;
    }
  }
  return parameters;
}

Result<std::map<std::string, std::string>> parse_query(std::string_view query) {
  std::map<std::string, std::string> parameters;
  while (!query.empty()) {
    auto end = query.find('&');
    auto pair = query.substr(0, end);
    query = end == std::string_view::npos ? std::string_view() : query.substr(end + 1);
    if (pair.empty()) continue;
    auto equals = pair.find('=');
    SCEPTER_TRY(auto name, url_decode(pair.substr(0, equals), true));
    std::string value;
    if (equals != std::string_view::npos) {
      SCEPTER_TRY(value, url_decode(pair.substr(equals + 1), true));
    }
    parameters[std::move(name)] = std::move(value);
  }
  return parameters;
}

}  // namespace

std::string bearer_token(const Request& request) {
  constexpr std::string_view kScheme = "bearer ";
  std::string_view header = request.authorization;
  if (header.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return {};
  }
  return std::string(header.substr(kScheme.size()));
}

namespace {

// A route that takes no body refuses one with content, as routes with a body refuse members they
// do not take. "{}" passes: it is what a client that always sends JSON sends.
Status check_body_taken(const RestRoute& route, const Request& request) {
  if (!route.body.empty() || request.body.empty()) return {};
  const auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_object() && body.empty()) return {};
  return fail(ErrorCategory::bad_request, "this route takes no body");
}

// Parameters a route does not know are refused, so that a typo never widens a listing.
Status check_known_parameters(const RestRoute& route,
                              const std::map<std::string, std::string>& query) {
  for (const auto& [name, value] : query) {
    if (std::ranges::none_of(route.query, [&](const auto& known) { return known.name == name; })) {
      return fail(invalid_field(name, "unknown query parameter '" + name + "'"));
    }
  }
  return {};
}

// Decoded names and values that are not UTF-8 name nothing the API holds, and JSON cannot echo
// them.
Status check_utf8(const std::map<std::string, std::string>& parameters, std::string_view what) {
  for (const auto& [name, value] : parameters) {
    if (!is_utf8(name) || !is_utf8(value)) {
      return fail(ErrorCategory::bad_request, std::string(what) + " must be UTF-8 once decoded");
    }
  }
  return {};
}

// Some answers carry a token, a password or an access code: no cache may keep any.
Response never_stored(Response response) {
  response.headers.push_back({"Cache-Control", "no-store"});
  return response;
}

// The kind of an error the session or the router answers on its own: a request the session
// cannot read (400), plain HTTP where TLS is required (403), a path no route covers (404), a
// method none takes (405), a request too large (413, 431), a handler that threw (500).
ProblemKind kind_of_plain(unsigned status) {
  switch (status) {
    case 400:
      return problem_kind(ErrorCategory::bad_request);
    case 403:
      return problem_kind(ErrorCategory::forbidden);
    case 404:
      return problem_kind(ErrorCategory::not_found);
    case 405:
      return kMethodNotAllowed;
    case 413:
    case 431:
      return problem_kind(ErrorCategory::too_large);
    default:
      return problem_kind(ErrorCategory::internal);
  }
}

// Keeps the plain answer's status and headers (405's Allow), its text becoming the detail.
Response problem_form(Response plain) {
  const auto kind = kind_of_plain(plain.status);
  auto problem = problem_response(plain.status, kind.code, kind.title, plain.body);
  problem.headers = std::move(plain.headers);
  return never_stored(std::move(problem));
}

class Dispatcher {
 public:
  explicit Dispatcher(RestContext context)
      : workspace_(context.workspace), policy_(context.auth_policy), routes_(rest_routes()) {}

  Response operator()(const Request& request) const { return never_stored(answer(request)); }

 private:
  Response answer(const Request& request) const {
    std::set<std::string> allowed;
    for (const auto& route : routes_) {
      auto parameters = match(route.path, request.path);
      if (!parameters) continue;
      if (route.method != request.method) {
        allowed.insert(route.method);
        continue;
      }
      return serve(route, request, std::move(*parameters));
    }
    if (allowed.empty()) {
      return problem_response(404, "not_found", "Not found", "no such API route");
    }
    auto response =
        problem_response(kMethodNotAllowed.status, kMethodNotAllowed.code, kMethodNotAllowed.title,
                         request.method + " is not allowed here");
    std::string allow;
    for (const auto& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
    response.headers.push_back({"Allow", std::move(allow)});
    return response;
  }

  Response serve(const RestRoute& route, const Request& request,
                 std::map<std::string, std::string> parameters) const {
    admin::Auth auth(workspace_, policy_);
    RestCall call{.request = request,
                  .workspace = workspace_,
                  .auth = auth,
                  .actor = {"anonymous", request.client_address, admin::unauthenticated()},
                  .path = std::move(parameters),
                  .body_members = route.body};
    auto outcome = [&]() -> Result<Response> {
      if (route.requires_auth) {
        SCEPTER_TRY(auto principal, auth.authenticate(bearer_token(request)));
        call.actor =
            admin::Actor{"admin:" + principal.name, request.client_address, std::move(principal)};
      }
      SCEPTER_CHECK(check_utf8(call.path, "path segments"));
      auto query = parse_query(request.query);
      if (!query) return fail(ErrorCategory::bad_request, "malformed query string");
      SCEPTER_CHECK(check_utf8(*query, "query parameters"));
      SCEPTER_CHECK(check_known_parameters(route, *query));
      SCEPTER_CHECK(check_body_taken(route, request));
      call.query = std::move(*query);
      return route.handler(call);
    }();
    if (!outcome) return problem_response(outcome.error());
    return std::move(*outcome);
  }

  admin::Workspace& workspace_;
  admin::AuthPolicy policy_;
  std::vector<RestRoute> routes_;
};

}  // namespace

std::optional<std::string> RestCall::query_parameter(const std::string& name) const {
  auto found = query.find(name);
  if (found == query.end()) return std::nullopt;
  return found->second;
}

Result<nlohmann::json> RestCall::json_body() const {
  auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return fail(ErrorCategory::bad_request, "the body must be a JSON object");
  }
  SCEPTER_CHECK(only_members(body, body_members));
  return body;
}

Response json_response(unsigned status, const nlohmann::json& body) {
  return Response{status, "application/json", admin::json_text(body), {}};
}

Response no_content() {
  return Response{204, "", "", {}};
}

std::vector<RestRoute> rest_routes() {
  std::vector<RestRoute> all;
  for (auto group : {session_routes, tenant_routes, endpoint_routes, pki_routes, azure_routes,
                     certificate_routes, audit_routes}) {
    for (auto& route : group()) all.push_back(std::move(route));
  }
  return all;
}

void add_rest_routes(Router& router, RestContext context) {
  auto dispatcher = std::make_shared<const Dispatcher>(std::move(context));
  std::set<std::string> methods;
  for (const auto& route : rest_routes()) methods.insert(route.method);
  for (const auto& method : methods) {
    router.add(method, std::string(kApiPrefix),
               [dispatcher](const Request& request) { return (*dispatcher)(request); });
  }
  // All of /api, not only this version: the router's 403, 404 and 405 there are the API's too.
  router.set_error_form(std::string(kApiRoot), problem_form);
}

}  // namespace scepter::http
