#pragma once
// The one JSON form of admin results, shared by the CLI's --json output, the REST API and the
// audit log. Times are RFC 3339 UTC strings; nothing secret is rendered except the access code
// of AccessCodeIssued, which exists to be shown once.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "admin/views.hpp"
#include "store/records.hpp"

namespace scepter::admin {

std::string rfc3339(long long unix_seconds);

// JSON text that never throws: text that is not UTF-8 (refused as input, but possibly stored
// before it was) comes out as U+FFFD, which beats failing after the change it reports was made.
// indent -1: compact.
inline std::string json_text(const nlohmann::json& value, int indent = -1) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json to_json(const store::Organization& org);
nlohmann::json to_json(const DepartmentView& department);
nlohmann::json to_json(const store::Profile& profile);
nlohmann::json to_json(const store::RaCertificate& ra);
nlohmann::json to_json(const EndpointView& endpoint);
nlohmann::json to_json(const AccountView& account);
nlohmann::json to_json(const AccessCodeIssued& issued);
nlohmann::json to_json(const CaCertificateView& ca);
nlohmann::json to_json(const CaOverview& overview);
nlohmann::json to_json(const PendingRequestView& request);
nlohmann::json to_json(const CertificateView& certificate);

template <class T>
nlohmann::json to_json(const std::vector<T>& items) {
  auto array = nlohmann::json::array();
  for (const auto& item : items) array.push_back(to_json(item));
  return array;
}

}  // namespace scepter::admin
