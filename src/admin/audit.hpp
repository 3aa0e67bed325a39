#pragma once
// Every change made through the admin layer leaves an audit event. Callers pass views that hold
// no secret (no access code, no digest, no key): what is logged here is readable by any auditor.

#include <nlohmann/json.hpp>
#include <string>

#include "admin/principal.hpp"
#include "admin/workspace.hpp"
#include "core/error.hpp"

namespace scepter::admin {

// Who makes a change and from where: {"cli:alice", "local"}, {"admin:bob", "192.0.2.7"}.
// The principal decides what the services let the actor see and do; left out, it is a built-in
// MRAO named like the actor (the local CLI).
struct Actor {
  std::string name{};
  std::string source{};
  Principal principal = local_mrao(name);
};

// before/after are null for creations/deletions respectively.
Status record_audit(Workspace& workspace, const Actor& actor, std::string action,
                    std::string target, const nlohmann::json& before, const nlohmann::json& after);

}  // namespace scepter::admin
