#pragma once
// The delegation routes, alike for everything delegated to organizations and departments
// (endpoints, Azure accounts): GET and PUT at RESOURCE/delegation, told how to reach each kind.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "admin/delegations.hpp"
#include "http/rest_routes.hpp"

namespace scepter::http {

struct DelegationAccess {
  // The delegation of the resource the call's path names, as JSON.
  std::function<Result<nlohmann::json>(RestCall&)> show;
  std::function<Result<nlohmann::json>(RestCall&, const std::string& mode,
                                       const std::vector<admin::DelegationTarget>& targets)>
      set;
};

// `resource_path`: the path template of one resource, e.g. "/api/v1/endpoints/{endpoint}".
std::vector<RestRoute> delegation_routes(const std::string& resource_path, const std::string& noun,
                                         DelegationAccess access);

}  // namespace scepter::http
