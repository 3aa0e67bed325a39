#pragma once
// Intune's revocation requests: on an interval, for every Azure account, download what Intune
// wants revoked, revoke those certificates of ours, and upload the outcome of each. A store lease
// per account ("intune-revocation:<id>") lets only one node of a cluster poll an account.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "ca/pki.hpp"
#include "core/clock.hpp"
#include "intune/gateway.hpp"
#include "store/store.hpp"

namespace scepter::intune {

struct PollerOptions {
  std::chrono::seconds interval{300};
  int batch_size = kMaxRevocationBatch;
  int max_batches_per_round = 20;  // bounds one round when Intune has a backlog
  std::string node_id;             // lease holder; empty: a random one
};

// What one account's round did, for logs and tests.
struct AccountRound {
  bool polled = false;  // false when another node holds the lease
  int revoked = 0;
  int failed = 0;  // requests answered with an error code
};

class RevocationPoller {
 public:
  // Publishes a fresh CRL of every CA that revoked something in a round.
  RevocationPoller(store::Store& store, ca::Pki& pki, Gateway& gateway, const Clock& clock,
                   PollerOptions options = {});
  ~RevocationPoller();
  RevocationPoller(const RevocationPoller&) = delete;
  RevocationPoller& operator=(const RevocationPoller&) = delete;

  // Starts the background thread: a round at once, then one per interval.
  void start();
  // Stops the thread and releases the leases this node holds. Idempotent.
  void stop();

  // One round for every account; errors are logged, not thrown.
  void poll_all();
  Result<AccountRound> poll_account(const store::AzureAccount& account);

 private:
  RevocationResult revoke(const store::AzureAccount& account, const RevocationRequest& request,
                          std::set<store::Id>& revoking_cas);
  void publish_crls(const std::set<store::Id>& ca_ids);
  int lease_seconds() const;

  store::Store& store_;
  ca::Pki& pki_;
  Gateway& gateway_;
  const Clock& clock_;
  PollerOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// Intune's serial as our store keeps it: lower-case hex without separators.
std::string normalize_serial(std::string_view serial);

}  // namespace scepter::intune
