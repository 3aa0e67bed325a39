#include "http/request_target.hpp"

#include <algorithm>
#include <cctype>

namespace scepter::http {
namespace {

bool remove_scheme(std::string_view& target, std::string_view scheme) {
  bool found = target.size() > scheme.size() &&
               std::ranges::equal(target.substr(0, scheme.size()), scheme, [](char a, char b) {
                 return std::tolower(static_cast<unsigned char>(a)) == b;
               });
  if (found) target.remove_prefix(scheme.size());
  return found;
}

// The absolute form without scheme and authority; "http://host?q" names the root.
std::optional<std::string_view> path_of_absolute_form(std::string_view target) {
  if (!remove_scheme(target, "http://") && !remove_scheme(target, "https://")) return std::nullopt;
  auto authority = target.substr(0, target.find_first_of("/?"));
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
  target.remove_prefix(authority.size());
  return target;
}

}  // namespace

std::optional<RequestTarget> parse_target(std::string_view target) {
  if (!target.starts_with('/') && target != "*") {
    auto path = path_of_absolute_form(target);
    if (!path) return std::nullopt;
    target = *path;
  }
  auto question = target.find('?');
  RequestTarget parsed{target.substr(0, question), {}};
  if (question != std::string_view::npos) parsed.query = target.substr(question + 1);
  if (parsed.path.empty()) parsed.path = "/";
  return parsed;
}

}  // namespace scepter::http
