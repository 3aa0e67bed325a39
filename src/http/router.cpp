#include "http/router.hpp"

#include <algorithm>
#include <exception>

#include "core/log.hpp"

namespace scepter::http {
namespace {

bool covers(std::string_view prefix, std::string_view path) {
  if (!path.starts_with(prefix)) return false;
  return path.size() == prefix.size() || prefix.ends_with('/') || path[prefix.size()] == '/';
}

}  // namespace

bool is_loopback_address(std::string_view address) {
  if (address.starts_with("::ffff:")) address.remove_prefix(7);
  return address == "::1" || address.starts_with("127.");
}

void Router::add(std::string method, std::string path_prefix, Handler handler,
                 Execution execution) {
  add(std::move(method), std::move(path_prefix), std::move(handler),
      [execution](const Request&) { return execution; });
}

void Router::add(std::string method, std::string path_prefix, Handler handler,
                 ExecutionOf execution) {
  routes_.push_back(
      {std::move(method), std::move(path_prefix), std::move(handler), std::move(execution)});
}

void Router::require_tls(std::string path_prefix) {
  tls_prefixes_.push_back(std::move(path_prefix));
}

void Router::set_error_form(std::string path_prefix, ErrorForm form) {
  error_forms_.emplace_back(std::move(path_prefix), std::move(form));
}

Response Router::error_answer(std::string_view path, Response plain) const {
  for (const auto& [prefix, form] : error_forms_) {
    if (covers(prefix, path)) return form(std::move(plain));
  }
  return plain;
}

bool Router::transport_allowed(const Request& request) const {
  if (request.secure) return true;
  if (plain_loopback_allowed_ && is_loopback_address(request.client_address)) return true;
  return std::ranges::none_of(
      tls_prefixes_, [&](const std::string& prefix) { return covers(prefix, request.path); });
}

Response Router::Match::run(const Request& request) const {
  return handler_ != nullptr ? (*handler_)(request) : refusal_;
}

Router::Match Router::match(const Request& request) const {
  Match match;
  if (!transport_allowed(request)) {
    match.refusal_ = error_answer(request.path, text_response(403, "HTTPS required"));
    return match;
  }
  const Route* best = nullptr;
  for (const auto& route : routes_) {
    if (route.method != request.method || !covers(route.prefix, request.path)) continue;
    if (best == nullptr || route.prefix.size() > best->prefix.size()) best = &route;
  }
  if (best != nullptr) {
    match.handler_ = &best->handler;
    try {
      match.execution_ = best->execution(request);
    } catch (const std::exception& e) {
      log::warn("http execution choice failed", {{"path", request.path}, {"error", e.what()}});
      match.execution_ = Execution::handler_pool;
    }
    return match;
  }
  std::vector<std::string_view> other_methods;
  for (const auto& route : routes_) {
    if (covers(route.prefix, request.path) &&
        std::ranges::find(other_methods, route.method) == other_methods.end()) {
      other_methods.push_back(route.method);
    }
  }
  if (other_methods.empty()) {
    match.refusal_ = error_answer(request.path, text_response(404, "not found"));
    return match;
  }
  std::string allow;
  for (auto method : other_methods) {
    if (!allow.empty()) allow += ", ";
    allow += method;
  }
  auto refusal = text_response(405, "method not allowed");
  refusal.headers.push_back({"Allow", std::move(allow)});
  match.refusal_ = error_answer(request.path, std::move(refusal));
  return match;
}

}  // namespace scepter::http
