#pragma once
// SCEP endpoints: one URL each, with its certificate type, RA certificate and response formats.
// Intune endpoints also fix organization, department, profile and term (no accounts).

#include <optional>
#include <string>
#include <vector>

#include "admin/audit.hpp"
#include "admin/views.hpp"
#include "admin/workspace.hpp"

namespace scepter::admin {

struct EndpointInput {
  std::string name{};
  std::string uri_extension{};
  std::string type = "scep";                   // "scep" | "intune"
  std::string cert_type{};                     // "client" | "device"
  std::optional<std::string> ra{};             // RA certificate name; default: the first one
  std::string getcacert_format = "chain-cms";  // "single-pem" | "single-der" | "chain-cms"
  std::string getcert_format = "single";       // "single" | "full-chain"
  bool enabled = true;
  // Intune endpoints only, and required there:
  std::optional<std::string> organization{};
  std::optional<std::string> department{};
  std::optional<std::string> profile{};
  std::optional<int> term_days{};
  // Name of the Azure account Intune is asked through; it must be delegated to the endpoint's
  // organization and department (invalid, field "azure_account").
  std::optional<std::string> azure_account{};
};

// Absent fields stay as they are.
struct EndpointChanges {
  std::optional<std::string> name{};
  std::optional<std::string> uri_extension{};
  std::optional<std::string> ra{};
  std::optional<std::string> getcacert_format{};
  std::optional<std::string> getcert_format{};
  std::optional<bool> enabled{};
  std::optional<std::string> profile{};        // Intune only
  std::optional<int> term_days{};              // Intune only
  std::optional<std::string> azure_account{};  // Intune only
  // Fixed at creation: a value that differs from the current one is a conflict.
  std::optional<std::string> type{};
  std::optional<std::string> cert_type{};
  std::optional<std::string> organization{};
  std::optional<std::string> department{};
};

class Endpoints {
 public:
  Endpoints(Workspace& workspace, Actor actor) : workspace_(workspace), actor_(std::move(actor)) {}

  Result<EndpointView> add(const EndpointInput& input);
  Result<std::vector<EndpointView>> list();
  Result<EndpointView> show(const std::string& uri_extension);
  Result<EndpointView> edit(const std::string& uri_extension, const EndpointChanges& changes);
  // conflict while the endpoint has accounts, certificates or pending requests, unless force:
  // then its accounts and transactions go too, while its certificates stay for revocation and
  // CRLs.
  Status remove(const std::string& uri_extension, bool force);

 private:
  Result<EndpointView> view_of(const store::Endpoint& endpoint);

  Workspace& workspace_;
  Actor actor_;
};

}  // namespace scepter::admin
