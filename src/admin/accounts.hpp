#pragma once
// Accounts of regular SCEP endpoints: who may enroll with which access code, for which
// organization and department (fixed once created), with which profile and term.

#include <optional>
#include <string>
#include <vector>

#include "admin/audit.hpp"
#include "admin/views.hpp"
#include "admin/workspace.hpp"

namespace scepter::admin {

struct AccountInput {
  std::string endpoint{};  // URI extension of a "scep" endpoint
  std::string name{};
  std::string organization{};
  std::string department{};
  std::string profile{};
  std::optional<int> term_days{};            // default: the profile's shortest term
  std::optional<std::string> access_code{};  // default: a generated one; MRAO only
};

class Accounts {
 public:
  Accounts(Workspace& workspace, Actor actor) : workspace_(workspace), actor_(std::move(actor)) {}

  // The access code is in the result and nowhere else: only its keyed digest is stored.
  // invalid (field "department") when the endpoint is not delegated to the account's tenant.
  Result<AccessCodeIssued> add(const AccountInput& input);
  Result<std::vector<AccountView>> list(const std::string& endpoint);
  // A new code (the one given, MRAO only, or a generated one); the old one stops working at once.
  Result<AccessCodeIssued> rotate_code(const std::string& endpoint, const std::string& name,
                                       const std::optional<std::string>& access_code);
  // conflict (field "account") while the account has pending requests.
  Status remove(const std::string& endpoint, const std::string& name);

 private:
  Result<AccountView> view_of(const store::Endpoint& endpoint, const store::Account& account);
  // Validates a requested code (MRAO only: forbidden for others) or generates one, and checks
  // that no other account of the endpoint has it.
  Result<std::string> new_code(const store::Endpoint& endpoint,
                               const std::optional<std::string>& requested,
                               std::optional<store::Id> owner);

  Workspace& workspace_;
  Actor actor_;
};

}  // namespace scepter::admin
