#pragma once
// Azure accounts: the Entra ID applications through which Intune endpoints validate challenges
// and report issuance. The client secret is sealed with the master key on the way in and leaves
// the service only towards Entra itself (the connection test, the Intune client): no view, audit
// event or log line carries it. Creating, changing, deleting and testing them is MRAO-only;
// RAOs and DRAOs see the general ones and those delegated to them.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admin/audit.hpp"
#include "admin/delegations.hpp"
#include "admin/workspace.hpp"
#include "intune/connection_test.hpp"

namespace scepter::admin {

// What a client secret is sealed for (ca::SecretBox purpose): whoever opens one passes this.
inline constexpr std::string_view kAzureClientSecretPurpose = "azure-account client secret";

// The endpoints of one Microsoft cloud.
struct AzureCloud {
  std::string_view authority_url;
  std::string_view graph_url;
  std::string_view intune_url;  // the resource Intune tokens are for
};

// "public", "usgov" and "china" have presets; "custom" (and anything else) has none.
std::optional<AzureCloud> azure_cloud(std::string_view environment);

struct AzureAccountInput {
  std::string name{};
  std::string environment = "public";  // "public" | "usgov" | "china" | "custom"
  std::string tenant_id{};             // GUID of the directory
  std::string client_id{};             // GUID of the application
  std::string client_secret{};
  // Override the environment's presets; all three are required for "custom". https only.
  std::optional<std::string> authority_url{};
  std::optional<std::string> graph_url{};
  std::optional<std::string> intune_url{};
  std::string trust_ca_pem{};  // extra trust anchors (PEM certificates); empty: system store
};

// Absent fields stay as they are. A new environment brings its presets for the URLs not given;
// an empty trust_ca_pem removes the extra trust anchors.
struct AzureAccountChanges {
  std::optional<std::string> name{};
  std::optional<std::string> environment{};
  std::optional<std::string> tenant_id{};
  std::optional<std::string> client_id{};
  std::optional<std::string> client_secret{};
  std::optional<std::string> authority_url{};
  std::optional<std::string> graph_url{};
  std::optional<std::string> intune_url{};
  std::optional<std::string> trust_ca_pem{};
};

// An Azure account as shown: everything but the client secret.
struct AzureAccountView {
  store::Id id = 0;
  std::string name{};
  std::string environment{};
  std::string tenant_id{};
  std::string client_id{};
  std::string authority_url{};
  std::string graph_url{};
  std::string intune_url{};
  std::string trust_ca_pem{};
  std::string delegation{};  // "general" | "customized"
  long long created_at = 0;
};

struct AzureDelegationView {
  std::string azure_account{};
  std::string mode{};
  std::vector<DelegationTarget> targets{};
};

// How the connection test reaches Entra and Intune: intune::test_connection, or a fake in tests.
using ConnectionTester =
    std::function<intune::ConnectionReport(const store::AzureAccount&, const std::string&)>;

class AzureAccounts {
 public:
  AzureAccounts(Workspace& workspace, Actor actor,
                ConnectionTester tester = &intune::test_connection)
      : workspace_(workspace), actor_(std::move(actor)), tester_(std::move(tester)) {}

  // invalid (with field) for any rule broken; conflict (field "name") when the name is taken.
  Result<AzureAccountView> add(const AzureAccountInput& input);
  Result<std::vector<AzureAccountView>> list();
  // `account`: the name, or else the numeric id. not_found outside the scope.
  Result<AzureAccountView> show(const std::string& account);
  Result<AzureAccountView> edit(const std::string& account, const AzureAccountChanges& changes);
  // conflict (field "azure_account") naming the endpoints while any refers to the account.
  Status remove(const std::string& account);
  // Opens the secret and tries each step of reaching Intune; a failed step is a report, not an
  // error.
  Result<intune::ConnectionReport> test(const std::string& account);

  Result<AzureDelegationView> delegation(const std::string& account);
  // As for endpoints: "general" with no targets, or "customized" with at least one. conflict
  // (field "targets") naming the Intune endpoints using the account that it would leave out.
  Result<AzureDelegationView> set_delegation(const std::string& account, const std::string& mode,
                                             const std::vector<DelegationTarget>& targets);

 private:
  Result<AzureDelegationView> delegation_of(const store::AzureAccount& account);

  Workspace& workspace_;
  Actor actor_;
  ConnectionTester tester_;
};

AzureAccountView view_of(const store::AzureAccount& account);
nlohmann::json to_json(const AzureAccountView& account);
nlohmann::json to_json(const AzureDelegationView& delegation);
nlohmann::json to_json(const intune::ConnectionReport& report);

}  // namespace scepter::admin
