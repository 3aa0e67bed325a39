#include "intune/revocation_poller.hpp"

#include <cctype>

#include "core/log.hpp"
#include "crypto/random.hpp"

namespace scepter::intune {
namespace {

constexpr int kReasonUnspecified = 0;  // RFC 5280 CRLReason: Intune names none

std::string lease_name(const store::AzureAccount& account) {
  return "intune-revocation:" + std::to_string(account.id);
}

}  // namespace

std::string normalize_serial(std::string_view serial) {
  std::string normalized;
  for (char c : serial) {
    if (c == ':' || c == ' ' || c == '-') continue;
    normalized.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return normalized;
}

RevocationPoller::RevocationPoller(store::Store& store, ca::Pki& pki, Gateway& gateway,
                                   const Clock& clock, PollerOptions options)
    : store_(store), pki_(pki), gateway_(gateway), clock_(clock), options_(std::move(options)) {
  if (options_.node_id.empty()) options_.node_id = "node-" + hex_encode(crypto::random_bytes(8));
}

RevocationPoller::~RevocationPoller() {
  stop();
}

int RevocationPoller::lease_seconds() const {
  // Outlives one interval, so the holder keeps it from round to round; expires soon after a
  // node dies, so another takes over.
  return static_cast<int>(options_.interval.count()) * 2 + 60;
}

void RevocationPoller::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      poll_all();
      lock.lock();
      wake_.wait_for(lock, options_.interval, [this] { return stopping_; });
    }
  });
}

void RevocationPoller::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  auto accounts = store_.list_azure_accounts();
  if (!accounts) return;
  for (const auto& account : *accounts) {
    auto released = store_.release_lease(lease_name(account), options_.node_id);
    if (!released) log::warn("lease not released", {{"error", released.error().log_text}});
  }
}

void RevocationPoller::poll_all() {
  auto accounts = store_.list_azure_accounts();
  if (!accounts) {
    log::warn("Intune revocation poll skipped", {{"error", accounts.error().log_text}});
    return;
  }
  for (const auto& account : *accounts) {
    auto round = poll_account(account);
    if (!round) {
      log::warn("Intune revocation poll failed",
                {{"azure_account", account.name}, {"error", round.error().log_text}});
    } else if (round->revoked || round->failed) {
      log::info("Intune revocation requests processed",
                {{"azure_account", account.name},
                 {"revoked", std::to_string(round->revoked)},
                 {"failed", std::to_string(round->failed)}});
    }
  }
}

Result<AccountRound> RevocationPoller::poll_account(const store::AzureAccount& account) {
  AccountRound round;
  SCEPTER_TRY(auto held, store_.acquire_lease(lease_name(account), options_.node_id,
                                              to_unix(clock_.now()), lease_seconds()));
  if (!held) return round;
  round.polled = true;
  SCEPTER_TRY(auto client, gateway_.client(account));
  for (int batch = 0; batch < options_.max_batches_per_round; ++batch) {
    SCEPTER_TRY(auto requests, client->download_revocation_requests(options_.batch_size));
    if (requests.empty()) break;
    std::vector<RevocationResult> results;
    std::set<store::Id> revoking_cas;
    for (const auto& request : requests) {
      results.push_back(revoke(account, request, revoking_cas));
      ++(results.back().succeeded ? round.revoked : round.failed);
    }
    // Published before the upload: once Intune hears "revoked", relying parties should see it.
    publish_crls(revoking_cas);
    SCEPTER_CHECK(client->upload_revocation_results(results));
    if (static_cast<int>(requests.size()) < options_.batch_size) break;
  }
  return round;
}

void RevocationPoller::publish_crls(const std::set<store::Id>& ca_ids) {
  for (auto ca_id : ca_ids) {
    auto published = pki_.publish_crl(ca_id);
    if (!published) {
      log::warn("CRL not published after Intune revocations",
                {{"ca", std::to_string(ca_id)}, {"error", published.error().log_text}});
    }
  }
}

RevocationResult RevocationPoller::revoke(const store::AzureAccount& account,
                                          const RevocationRequest& request,
                                          std::set<store::Id>& revoking_cas) {
  RevocationResult result{.request_context = request.request_context};
  auto failed = [&result](RevocationError error, std::string message) {
    result.error = error;
    result.error_message = std::move(message);
    return result;
  };
  if (request.serial_number.empty()) {
    return failed(RevocationError::parameter_invalid, "no serial number");
  }
  auto serial = normalize_serial(request.serial_number);
  auto record = store_.get_certificate(serial);
  if (!record && record.error().category != ErrorCategory::not_found) {
    return failed(RevocationError::service_unavailable, "certificate store unavailable");
  }
  // Only certificates issued through an Intune endpoint of this very account: one tenant
  // cannot revoke what another enrolled, nor what regular SCEP accounts hold.
  bool ours = false;
  if (record) {
    auto endpoint = store_.get_endpoint(record->endpoint_id);
    ours = endpoint && endpoint->azure_account_id == account.id;
  }
  if (!ours) return failed(RevocationError::certificate_not_found, "certificate not found");
  if (record->status == "revoked") {
    return failed(RevocationError::conflict, "certificate already revoked");
  }
  auto revoked = store_.revoke_certificate(serial, kReasonUnspecified, to_unix(clock_.now()));
  if (!revoked && revoked.error().category == ErrorCategory::conflict) {
    return failed(RevocationError::conflict, "certificate already revoked");
  }
  if (!revoked)
    return failed(RevocationError::service_unavailable, "certificate store unavailable");
  revoking_cas.insert(record->ca_id);
  result.succeeded = true;
  return result;
}

}  // namespace scepter::intune
