// Many handler threads, and several nodes (stores) on one database, at once. Serial numbers and
// SCEP transactions stay unique by constraint, whichever backend holds them.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <mutex>
#include <numeric>
#include <thread>

#include "contract_fixture.hpp"

namespace scepter::store {
namespace {

using testing::certificate;
using testing::ok;
using testing::Seed;
using testing::transaction;

class Concurrency : public testing::SeededStore {};
SCEPTER_STORE_CONTRACT(Concurrency);

// Collects the first failure seen by any thread; gtest assertions belong on the main thread.
class Failures {
 public:
  template <class T>
  void check(const std::expected<T, Error>& result, std::string_view what) {
    if (result) return;
    std::lock_guard lock(mutex_);
    if (count_++ == 0) first_ = std::string(what) + ": " + result.error().log_text;
  }
  int count() const { return count_; }
  const std::string& first() const { return first_; }

 private:
  std::mutex mutex_;
  int count_ = 0;
  std::string first_;
};

// One enrollment's worth of writes plus a configuration write, as a handler thread would do.
void enroll(Store& store, const Seed& seed, const std::string& tag, Failures& failures) {
  failures.check(store.create_organization({.name = "org-" + tag, .created_at = 1}),
                 "create_organization");
  failures.check(store.record_issuance(transaction(seed, "tx-" + tag),
                                       certificate(seed, "serial-" + tag, "CN=" + tag)),
                 "record_issuance");
  failures.check(store.add_failure("ip-" + tag.substr(0, 2), 1000, 60), "add_failure");
  failures.check(store.find_endpoint("demo"), "find_endpoint");
  failures.check(store.config_generation(), "config_generation");
}

constexpr int kThreads = 8;

// Runs `body(thread index, store)` on kThreads threads released at once, alternating between
// two stores on the same database as two nodes would.
template <class Body>
void race(Store& first, Store& second, Body body) {
  std::barrier start(kThreads);
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      body(t, t % 2 == 0 ? first : second);
    });
  }
}

TEST_P(Concurrency, EightThreadsLoseNothing) {
  const long long before = generation();
  constexpr int kEach = 25;
  Failures failures;
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        enroll(*store, s, std::to_string(t) + "-" + std::to_string(i), failures);
      }
    });
  }
  threads.clear();
  ASSERT_EQ(failures.count(), 0) << failures.first();
  EXPECT_EQ(ok(store->list_organizations()).size(), 1u + kThreads * kEach);
  EXPECT_EQ(ok(store->count_certificates(s.endpoint.id)), kThreads * kEach);
  EXPECT_EQ(generation(), before + kThreads * kEach);
}

TEST_P(Concurrency, TwoNodesSeeEachOthersWrites) {
  auto second = db.open();
  EXPECT_EQ(ok(second->find_endpoint("demo")).id, s.endpoint.id);
  Failures failures;
  race(*store, *second, [&](int t, Store& node) {
    for (int i = 0; i < 10; ++i) {
      enroll(node, s, std::to_string(t) + "-" + std::to_string(i), failures);
    }
  });
  ASSERT_EQ(failures.count(), 0) << failures.first();
  EXPECT_EQ(ok(store->count_certificates(s.endpoint.id)), kThreads * 10);
  ok(second->revoke_certificate("serial-0-0", 1, 5));
  EXPECT_EQ(ok(store->get_certificate("serial-0-0")).status, "revoked");
}

TEST_P(Concurrency, AHoldIsReleasedOnceOnTwoNodes) {
  auto second = db.open();
  ok(store->record_issuance(transaction(s, "held"), certificate(s, "0a", "CN=held")));
  ok(store->revoke_certificate("0a", kCertificateHold, 5));
  std::atomic<int> won{0};
  std::atomic<int> conflicts{0};
  race(*store, *second, [&](int, Store& node) {
    auto released = node.release_certificate_hold("0a");
    if (released) ++won;
    if (!released && released.error().category == ErrorCategory::conflict) ++conflicts;
  });
  EXPECT_EQ(won, 1);
  EXPECT_EQ(conflicts, kThreads - 1);
  auto cert = ok(store->get_certificate("0a"));
  EXPECT_EQ(cert.status, "valid");
  EXPECT_EQ(cert.revocation_reason, std::nullopt);
}

// Half the threads release the hold, half revoke for key compromise, which a hold may become.
// Exactly one revocation wins, and the row always ends revoked for key compromise: dated from the
// hold when the revocation came first (and no release then succeeds), from the revocation when a
// release came first (exactly one).
TEST_P(Concurrency, AReleaseRacingARevocationLeavesAConsistentRow) {
  auto second = db.open();
  ok(store->record_issuance(transaction(s, "held"), certificate(s, "0b", "CN=held")));
  ok(store->revoke_certificate("0b", kCertificateHold, 5));
  constexpr int kKeyCompromise = 1;
  std::atomic<int> released{0};
  std::atomic<int> revoked{0};
  std::atomic<int> others{0};
  race(*store, *second, [&](int t, Store& node) {
    auto done = t < kThreads / 2 ? node.release_certificate_hold("0b")
                                 : node.revoke_certificate("0b", kKeyCompromise, 7);
    if (done) {
      ++(t < kThreads / 2 ? released : revoked);
    } else if (done.error().category != ErrorCategory::conflict) {
      ++others;
    }
  });
  EXPECT_EQ(revoked, 1);
  EXPECT_LE(released, 1);
  EXPECT_EQ(others, 0);
  auto cert = ok(store->get_certificate("0b"));
  EXPECT_EQ(cert.status, "revoked");
  EXPECT_EQ(cert.revocation_reason, kKeyCompromise);
  EXPECT_EQ(cert.revoked_at, released == 1 ? 7 : 5);
}

TEST_P(Concurrency, OneTransactionIssuedAtOnceOnTwoNodesHasOneWinner) {
  auto second = db.open();
  std::atomic<int> won{0};
  std::atomic<int> conflicts{0};
  race(*store, *second, [&](int t, Store& node) {
    auto recorded = node.record_issuance(transaction(s, "retried"),
                                         certificate(s, "serial-" + std::to_string(t), "CN=d"));
    if (recorded) ++won;
    if (!recorded && recorded.error().category == ErrorCategory::conflict) ++conflicts;
  });
  EXPECT_EQ(won, 1);
  EXPECT_EQ(conflicts, kThreads - 1);
  // The losers' certificates were rolled back with their transactions.
  EXPECT_EQ(ok(store->count_certificates(s.endpoint.id)), 1);
  auto tx = ok(store->find_transaction(s.endpoint.id, "retried"));
  ASSERT_TRUE(tx);
  EXPECT_EQ(tx->status, "issued");
  ASSERT_TRUE(tx->certificate_serial);
  EXPECT_EQ(ok(store->get_certificate(*tx->certificate_serial)).endpoint_id, s.endpoint.id);
}

TEST_P(Concurrency, OnePendingTransactionIsIssuedOnce) {
  auto second = db.open();
  ok(store->create_pending(transaction(s, "pending")));
  std::atomic<int> won{0};
  race(*store, *second, [&](int t, Store& node) {
    if (node.record_issuance(transaction(s, "pending"),
                             certificate(s, "p-" + std::to_string(t), "CN=d"))) {
      ++won;
    }
  });
  EXPECT_EQ(won, 1);
  EXPECT_EQ(ok(store->count_certificates(s.endpoint.id)), 1);
  EXPECT_EQ(ok(store->find_transaction(s.endpoint.id, "pending"))->status, "issued");
  EXPECT_TRUE(ok(store->list_pending(s.endpoint.id)).empty());
}

TEST_P(Concurrency, OneSerialIssuedAtOnceOnTwoNodesHasOneWinner) {
  auto second = db.open();
  std::atomic<int> won{0};
  std::atomic<int> serial_conflicts{0};
  race(*store, *second, [&](int t, Store& node) {
    auto recorded = node.record_issuance(transaction(s, "tx-" + std::to_string(t)),
                                         certificate(s, "same-serial", "CN=d"));
    if (recorded) ++won;
    if (!recorded && recorded.error().category == ErrorCategory::conflict &&
        recorded.error().field == "serial") {
      ++serial_conflicts;
    }
  });
  EXPECT_EQ(won, 1);
  EXPECT_EQ(serial_conflicts, kThreads - 1);
  int transactions = 0;
  for (int t = 0; t < kThreads; ++t) {
    if (ok(store->find_transaction(s.endpoint.id, "tx-" + std::to_string(t)))) ++transactions;
  }
  EXPECT_EQ(transactions, 1);  // nothing half-written by the losers
}

TEST_P(Concurrency, ALeaseRacedForByManyNodesHasOneHolder) {
  auto second = db.open();
  std::atomic<int> holders{0};
  Failures failures;
  race(*store, *second, [&](int t, Store& node) {
    auto held = node.acquire_lease("poller", "node-" + std::to_string(t), 1000, 60);
    failures.check(held, "acquire_lease");
    if (held && *held) ++holders;
  });
  ASSERT_EQ(failures.count(), 0) << failures.first();
  EXPECT_EQ(holders, 1);
}

TEST_P(Concurrency, FailuresCountedAtOnceAreAllCounted) {
  auto second = db.open();
  std::mutex mutex;
  std::vector<int> counts;
  race(*store, *second, [&](int, Store& node) {
    auto count = node.add_failure("203.0.113.9", 1000, 60);
    std::lock_guard lock(mutex);
    counts.push_back(count.value_or(-1));
  });
  std::sort(counts.begin(), counts.end());
  std::vector<int> expected(kThreads);
  std::iota(expected.begin(), expected.end(), 1);
  EXPECT_EQ(counts, expected);  // each count saw every failure committed before it
}

}  // namespace
}  // namespace scepter::store
