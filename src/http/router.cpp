#include "http/router.hpp"

#include <algorithm>

namespace scepter::http {
namespace {

bool covers(std::string_view prefix, std::string_view path) {
  if (!path.starts_with(prefix)) return false;
  return path.size() == prefix.size() || prefix.ends_with('/') || path[prefix.size()] == '/';
}

}  // namespace

void Router::add(std::string method, std::string path_prefix, Handler handler) {
  routes_.push_back({std::move(method), std::move(path_prefix), std::move(handler)});
}

Response Router::dispatch(const Request& request) const {
  const Route* best = nullptr;
  std::vector<std::string_view> other_methods;
  for (const auto& route : routes_) {
    if (!covers(route.prefix, request.path)) continue;
    if (route.method != request.method) {
      if (std::ranges::find(other_methods, route.method) == other_methods.end()) {
        other_methods.push_back(route.method);
      }
      continue;
    }
    if (best == nullptr || route.prefix.size() > best->prefix.size()) best = &route;
  }
  if (best != nullptr) return best->handler(request);
  if (other_methods.empty()) return text_response(404, "not found");

  std::string allow;
  for (auto method : other_methods) {
    if (!allow.empty()) allow += ", ";
    allow += method;
  }
  auto response = text_response(405, "method not allowed");
  response.headers.push_back({"Allow", std::move(allow)});
  return response;
}

}  // namespace scepter::http
