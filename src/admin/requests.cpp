#include "admin/requests.hpp"

#include <map>

#include "admin/certificates.hpp"
#include "admin/json.hpp"
#include "admin/lookup.hpp"
#include "admin/scope.hpp"
#include "admin/validation.hpp"
#include "crypto/csr.hpp"

namespace scepter::admin {
namespace {

constexpr std::string_view kDefaultRejectionReason = "rejected by an administrator";

std::string target_of(const store::Endpoint& endpoint, const std::string& transaction_id) {
  return "request:" + endpoint.uri_extension + "/" + transaction_id;
}

// A request outside the scope is as missing as one that never came.
Result<store::Transaction> pending_transaction(store::Store& store, const Scope& scope,
                                               const store::Endpoint& endpoint,
                                               const std::string& transaction_id) {
  SCEPTER_TRY(const auto found, store.find_transaction(endpoint.id, transaction_id));
  bool seen = false;
  if (found) {
    SCEPTER_TRY(seen, scope.sees_transaction(*found));
  }
  if (!seen) {
    Error error = not_found("no request with transaction id '" + transaction_id +
                            "' on endpoint '" + endpoint.uri_extension + "'");
    error.field = "transaction_id";
    return std::unexpected(std::move(error));
  }
  if (found->status != "pending") {
    return fail(
        conflict_on("transaction_id", "the request is no longer pending: it was " + found->status));
  }
  return *found;
}

struct IssuanceTerms {
  store::Profile profile;
  int term_days = 0;
};

// Pending requests carry the account that authorized them; Intune endpoints have no accounts
// and issue with their own profile and term.
Result<IssuanceTerms> terms_for(store::Store& store, const store::Endpoint& endpoint,
                                const store::Transaction& tx) {
  if (tx.account_id) {
    SCEPTER_TRY(const auto account, store.get_account(*tx.account_id));
    SCEPTER_TRY(auto profile, store.get_profile(account.profile_id));
    return IssuanceTerms{std::move(profile), account.term_days};
  }
  if (endpoint.profile_id && endpoint.term_days) {
    SCEPTER_TRY(auto profile, store.get_profile(*endpoint.profile_id));
    return IssuanceTerms{std::move(profile), *endpoint.term_days};
  }
  return fail(ErrorCategory::internal, "the request names no account and its endpoint no profile");
}

PendingRequestView view_of(const store::Transaction& tx, std::string endpoint,
                           std::string account) {
  return {.endpoint = std::move(endpoint),
          .transaction_id = tx.transaction_id,
          .subject = tx.subject,
          .account = std::move(account),
          .message_type = tx.message_type,
          .client_address = tx.client_address,
          .created_at = tx.created_at};
}

}  // namespace

Result<std::vector<PendingRequestView>> Requests::list(const std::optional<std::string>& endpoint) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  std::optional<store::Id> endpoint_id;
  if (endpoint) {
    SCEPTER_TRY(const auto found, scope.endpoint(*endpoint));
    endpoint_id = found.id;
  }
  SCEPTER_TRY(const auto pending, store.list_pending(endpoint_id));
  std::map<store::Id, std::string> extensions;
  SCEPTER_TRY(const auto endpoints, store.list_endpoints());
  for (const auto& e : endpoints) extensions[e.id] = e.uri_extension;

  std::vector<PendingRequestView> views;
  for (const auto& tx : pending) {
    SCEPTER_TRY(const bool seen, scope.sees_transaction(tx));
    if (!seen) continue;
    std::string account;
    if (tx.account_id) {
      SCEPTER_TRY(const auto found, store.get_account(*tx.account_id));
      account = found.name;
    }
    views.push_back(view_of(tx, extensions[tx.endpoint_id], std::move(account)));
  }
  return views;
}

Result<CertificateView> Requests::approve(const std::string& endpoint_extension,
                                          const std::string& transaction_id) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_TRY(const auto endpoint, scope.endpoint(endpoint_extension));
  SCEPTER_TRY(const auto tx, pending_transaction(store, scope, endpoint, transaction_id));
  SCEPTER_TRY(const auto csr, crypto::Csr::from_der(tx.csr_der));
  SCEPTER_TRY(const auto terms, terms_for(store, endpoint, tx));
  SCEPTER_TRY(const auto issuing_ca, workspace_.pki().issuing_ca());
  SCEPTER_TRY(const auto certificate,
              workspace_.issuer().issue(ca::IssueRequest{.ca = issuing_ca,
                                                         .endpoint = endpoint,
                                                         .profile = terms.profile,
                                                         .term_days = terms.term_days,
                                                         .account_id = tx.account_id,
                                                         .csr = csr,
                                                         .transaction_id = tx.transaction_id,
                                                         .message_type = tx.message_type,
                                                         .client_address = tx.client_address}));
  SCEPTER_TRY(const auto record, store.get_certificate(certificate.serial_hex()));
  SCEPTER_TRY(const auto view, certificate_view(store, record, true));
  nlohmann::json after = to_json(view);
  after.erase("pem");
  SCEPTER_CHECK(record_audit(workspace_, actor_, "request.approve",
                             target_of(endpoint, transaction_id), nullptr, after));
  return view;
}

Status Requests::reject(const std::string& endpoint_extension, const std::string& transaction_id,
                        const std::string& reason) {
  auto& store = workspace_.store();
  const Scope scope(store, actor_.principal);
  SCEPTER_TRY(const auto endpoint, scope.endpoint(endpoint_extension));
  SCEPTER_TRY(const auto tx, pending_transaction(store, scope, endpoint, transaction_id));
  const std::string text = reason.empty() ? std::string(kDefaultRejectionReason) : reason;
  SCEPTER_CHECK(check_name("reason", text));
  SCEPTER_CHECK(store.reject_pending(endpoint.id, tx.transaction_id, text, workspace_.now()));
  return record_audit(workspace_, actor_, "request.reject", target_of(endpoint, transaction_id),
                      {{"status", "pending"}, {"subject", tx.subject}},
                      {{"status", "rejected"}, {"reason", text}});
}

}  // namespace scepter::admin
