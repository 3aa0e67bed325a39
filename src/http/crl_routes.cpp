#include "http/crl_routes.hpp"

#include <charconv>
#include <optional>

#include "core/log.hpp"

namespace scepter::http {
namespace {

constexpr std::string_view kPrefix = "/crl/";
constexpr std::string_view kSuffix = ".crl";

std::optional<long long> ca_id_of(std::string_view path) {
  if (!path.starts_with(kPrefix) || !path.ends_with(kSuffix)) return std::nullopt;
  auto digits = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
  long long id = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc{} || end != digits.data() + digits.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace

void add_crl_routes(Router& router, CrlSource source) {
  router.add("GET", "/crl", [source = std::move(source)](const Request& request) {
    auto id = ca_id_of(request.path);
    if (!id) return text_response(404, "not found");
    auto crl = source(*id);
    if (!crl) {
      if (crl.error().category == ErrorCategory::not_found) return text_response(404, "not found");
      log::error("crl", {{"ca", std::to_string(*id)}, {"error", crl.error().log_text}});
      return text_response(500, "CRL unavailable");
    }
    return Response{200, "application/pkix-crl", std::string(as_chars(*crl)), {}};
  });
}

}  // namespace scepter::http
