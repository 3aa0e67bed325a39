#include "intune/connection_test.hpp"
#include "intune/discovery.hpp"

namespace scepter::intune {
namespace {

// Runs one step; returns whether the report may go on.
template <class Action>
bool run_step(ConnectionReport& report, std::string name, Action action) {
  auto outcome = action();
  ConnectionStep step{.name = std::move(name), .ok = outcome.has_value()};
  step.detail = outcome ? *outcome : outcome.error().client_text;
  report.steps.push_back(std::move(step));
  return report.steps.back().ok;
}

}  // namespace

ConnectionReport test_connection(const store::AzureAccount& account,
                                 const std::string& client_secret) {
  HttpsClient https(https_options_of(account));
  TokenClient tokens(https, credentials_of(account, client_secret));
  ServiceDiscovery discovery(https, tokens);
  const auto& credentials = tokens.credentials();

  ConnectionReport report;
  report.ok = run_step(report, "graph-token",
                       [&]() -> Result<std::string> {
                         SCEPTER_CHECK(tokens.token(default_scope(credentials.graph_url)));
                         return "token issued by " + credentials.authority_url + " for " +
                                default_scope(credentials.graph_url);
                       }) &&
              run_step(report, "discovery",
                       [&]() -> Result<std::string> {
                         SCEPTER_TRY(auto uri, discovery.service_uri(kScepValidationService));
                         return std::string(kScepValidationService) + " at " + uri;
                       }) &&
              run_step(report, "intune-token", [&]() -> Result<std::string> {
                SCEPTER_CHECK(tokens.token(default_scope(credentials.intune_url)));
                return "token issued for " + default_scope(credentials.intune_url);
              });
  return report;
}

}  // namespace scepter::intune
