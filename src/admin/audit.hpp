#pragma once
// Every change made through the admin layer leaves an audit event. Callers pass views that hold
// no secret (no access code, no digest, no key): what is logged here is readable by any auditor.

#include <nlohmann/json.hpp>
#include <string>

#include "admin/principal.hpp"
#include "admin/workspace.hpp"
#include "core/error.hpp"

namespace scepter::admin {

// Who makes a change, from where, and with whose rights: {"admin:bob", "192.0.2.7", bob}. The
// principal decides what the services let the actor see and do. It has no default, so that
// every caller states it: forgetting it does not compile, rather than granting everything.
struct Actor {
  Actor(std::string name, std::string source, Principal principal)
      : name(std::move(name)), source(std::move(source)), principal(std::move(principal)) {}

  std::string name;
  std::string source;
  Principal principal;
};

// before/after are null for creations/deletions respectively.
Status record_audit(Workspace& workspace, const Actor& actor, std::string action,
                    std::string target, const nlohmann::json& before, const nlohmann::json& after);

}  // namespace scepter::admin
