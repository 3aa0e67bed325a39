#include "admin/auth.hpp"
#include "admin/json.hpp"

namespace scepter::admin {
namespace {

nlohmann::json optional_time(const std::optional<long long>& at) {
  return at ? nlohmann::json(rfc3339(*at)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json to_json(const AdminView& admin) {
  return {{"id", admin.id},
          {"name", admin.name},
          {"role", admin.role},
          {"organization", admin.organization},
          {"department", admin.department},
          {"disabled", admin.disabled},
          {"created_at", rfc3339(admin.created_at)},
          {"last_login_at", optional_time(admin.last_login_at)}};
}

nlohmann::json to_json(const ApiTokenView& token) {
  return {{"id", token.id},
          {"admin", token.admin},
          {"name", token.name},
          {"created_at", rfc3339(token.created_at)},
          {"expires_at", optional_time(token.expires_at)},
          {"revoked_at", optional_time(token.revoked_at)}};
}

nlohmann::json to_json(const AdminCreated& created) {
  return {{"admin", to_json(created.admin)},
          {"password", created.password},
          {"api_token", created.api_token},
          {"token", to_json(created.token)}};
}

nlohmann::json to_json(const ApiTokenIssued& issued) {
  auto json = to_json(issued.token);
  json["token"] = issued.secret;
  return json;
}

nlohmann::json to_json(const SessionIssued& session) {
  return {{"token", session.token},
          {"expires_at", rfc3339(session.expires_at)},
          {"admin", to_json(session.admin)}};
}

}  // namespace scepter::admin
