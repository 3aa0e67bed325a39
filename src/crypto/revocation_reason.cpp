#include <array>

#include "crypto/issue.hpp"

namespace scepter::crypto {
namespace {

struct NamedReason {
  std::string_view name;
  RevocationReason reason;
};

// The CRLReason names of RFC 5280 5.3.1.
constexpr std::array<NamedReason, 8> kReasons{{
    {"unspecified", RevocationReason::unspecified},
    {"keyCompromise", RevocationReason::key_compromise},
    {"cACompromise", RevocationReason::ca_compromise},
    {"affiliationChanged", RevocationReason::affiliation_changed},
    {"superseded", RevocationReason::superseded},
    {"cessationOfOperation", RevocationReason::cessation_of_operation},
    {"certificateHold", RevocationReason::certificate_hold},
    {"privilegeWithdrawn", RevocationReason::privilege_withdrawn},
}};

}  // namespace

Result<RevocationReason> parse_revocation_reason(std::string_view name) {
  for (const auto& named : kReasons) {
    if (named.name == name) return named.reason;
  }
  return fail(invalid_field("reason", "unknown revocation reason '" + std::string(name) + "'"));
}

std::string to_string(RevocationReason reason) {
  for (const auto& named : kReasons) {
    if (named.reason == reason) return std::string(named.name);
  }
  return "unspecified";
}

}  // namespace scepter::crypto
