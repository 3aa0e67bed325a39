#include "http/rest_delegation.hpp"

#include <utility>

#include "http/rest_support.hpp"

namespace scepter::http {

std::vector<RestRoute> delegation_routes(const std::string& resource_path, const std::string& noun,
                                         DelegationAccess access) {
  auto show = [show = access.show](RestCall& call) -> Result<Response> {
    SCEPTER_TRY(const auto delegation, show(call));
    return json_response(200, delegation);
  };
  auto set = [set = access.set](RestCall& call) -> Result<Response> {
    SCEPTER_TRY(const auto body, call.json_body());
    JsonFields fields(body);
    SCEPTER_TRY(const auto mode, fields.required_string("mode"));
    SCEPTER_TRY(const auto targets, delegation_targets_of(fields));
    SCEPTER_TRY(const auto delegation, set(call, mode, targets));
    return json_response(200, delegation);
  };
  return {
      {.method = "GET",
       .path = resource_path + "/delegation",
       .summary = "Show who may use " + noun,
       .handler = std::move(show)},
      {.method = "PUT",
       .path = resource_path + "/delegation",
       .summary = "Set delegation (MRAO): general, or customized to organizations/departments",
       .handler = std::move(set),
       .body = {{"mode", "string", "general, or customized to the targets", true},
                {"targets", "array",
                 "customized: the organizations and departments that may use it, each "
                 "{organization, department?}",
                 false, "object"}}},
  };
}

}  // namespace scepter::http
