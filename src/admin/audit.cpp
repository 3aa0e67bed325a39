#include "admin/audit.hpp"

#include "admin/json.hpp"

namespace scepter::admin {
namespace {

std::string dump_or_empty(const nlohmann::json& value) {
  return value.is_null() ? std::string() : json_text(value);
}

}  // namespace

Status record_audit(Workspace& workspace, const Actor& actor, std::string action,
                    std::string target, const nlohmann::json& before, const nlohmann::json& after) {
  return workspace.store().append_audit(store::AuditEvent{
      .at = workspace.now(),
      .actor = actor.name,
      .action = std::move(action),
      .target = std::move(target),
      .source = actor.source,
      .before = dump_or_empty(before),
      .after = dump_or_empty(after),
  });
}

}  // namespace scepter::admin
