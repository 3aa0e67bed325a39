#pragma once
// Reading the audit trail. Events name no organization, so only an MRAO reads them.

#include <optional>
#include <string>
#include <vector>

#include "admin/audit.hpp"
#include "admin/workspace.hpp"

namespace scepter::admin {

struct AuditQuery {
  std::optional<std::string> actor{};
  std::optional<std::string> action{};  // exact, or a prefix ending in '.' ("account.")
  std::optional<std::string> target_contains{};
  std::optional<long long> since{};  // Unix seconds, inclusive
  std::optional<long long> until{};  // exclusive
  int limit = 100;                   // 1..1000
  int offset = 0;
};

class AuditLog {
 public:
  AuditLog(Workspace& workspace, Actor actor) : workspace_(workspace), actor_(std::move(actor)) {}

  // Newest first. forbidden unless MRAO.
  Result<std::vector<store::AuditEvent>> list(const AuditQuery& query);

 private:
  Workspace& workspace_;
  Actor actor_;
};

// before/after as JSON values (null when empty), times in RFC 3339.
nlohmann::json to_json(const store::AuditEvent& event);

}  // namespace scepter::admin
