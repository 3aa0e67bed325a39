#pragma once
// The one JSON form of admin results, shared by the CLI's --json output, the REST API and the
// audit log. Times are RFC 3339 UTC strings; nothing secret is rendered except the access code
// of AccessCodeIssued, which exists to be shown once.

#include <nlohmann/json.hpp>
#include <vector>

#include "admin/views.hpp"
#include "store/records.hpp"

namespace scepter::admin {

std::string rfc3339(long long unix_seconds);

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
