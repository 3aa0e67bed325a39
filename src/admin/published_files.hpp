#pragma once
// The CA certificates `scepter init` and rollovers publish in DATA/ca/ for operators to hand to
// clients as trust anchors.

#include "admin/workspace.hpp"

namespace scepter::admin {

// root.pem: the root; chain.pem: the issuing CA then the root. Replaces both atomically.
Status publish_ca_files(Workspace& workspace);

}  // namespace scepter::admin
