// Many handler threads, and several processes, use one database file at once.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/test_support.hpp"

namespace scepter::store {
namespace {

using testing::certificate;
using testing::ok;
using testing::Seed;
using testing::TempDatabase;
using testing::transaction;

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

TEST(SqliteStoreConcurrency, EightThreadsLoseNothing) {
  TempDatabase db;
  auto store = ok(open_sqlite_store(db.path()));
  auto seed = testing::seed(*store);
  auto generation = ok(store->config_generation());
  constexpr int kThreads = 8;
  constexpr int kEach = 50;
  Failures failures;
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        enroll(*store, seed, std::to_string(t) + "-" + std::to_string(i), failures);
      }
    });
  }
  threads.clear();
  ASSERT_EQ(failures.count(), 0) << failures.first();
  EXPECT_EQ(ok(store->list_organizations()).size(), 1u + kThreads * kEach);
  EXPECT_EQ(ok(store->count_certificates(seed.endpoint.id)), kThreads * kEach);
  EXPECT_EQ(ok(store->config_generation()), generation + kThreads * kEach);
}

TEST(SqliteStoreConcurrency, TwoStoresOnOneFileSeeEachOther) {
  TempDatabase db;
  auto first = ok(open_sqlite_store(db.path()));
  auto second = ok(open_sqlite_store(db.path()));
  auto seed = testing::seed(*first);
  EXPECT_EQ(ok(second->find_endpoint("demo")).id, seed.endpoint.id);
  EXPECT_EQ(ok(second->config_generation()), ok(first->config_generation()));

  // Each store queues its own writers; between the two only SQLite's file lock arbitrates,
  // as between the server and the CLI.
  Failures failures;
  std::vector<std::jthread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Store& store = t % 2 == 0 ? *first : *second;
      for (int i = 0; i < 25; ++i) {
        enroll(store, seed, std::to_string(t) + "-" + std::to_string(i), failures);
      }
    });
  }
  threads.clear();
  ASSERT_EQ(failures.count(), 0) << failures.first();
  EXPECT_EQ(ok(first->count_certificates(seed.endpoint.id)), 100);
  EXPECT_EQ(ok(second->list_organizations()).size(), 101u);
  ok(second->revoke_certificate("serial-0-0", 1, 5));
  EXPECT_EQ(ok(first->get_certificate("serial-0-0")).status, "revoked");
}

TEST(SqliteStoreConcurrency, TwoProcessesCreateAndWriteOneFile) {
  TempDatabase db;
  constexpr int kEach = 100;
  // Both processes open the fresh file at once, so both race to apply the migrations too.
  auto write_organizations = [&](const std::string& prefix) {
    auto store = open_sqlite_store(db.path());
    if (!store) return false;
    for (int i = 0; i < kEach; ++i) {
      if (!(*store)->create_organization({.name = prefix + std::to_string(i), .created_at = 1})) {
        return false;
      }
    }
    return true;
  };
  pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) _exit(write_organizations("child-") ? 0 : 1);
  bool parent_ok = write_organizations("parent-");
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(parent_ok);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);

  auto store = ok(open_sqlite_store(db.path()));
  EXPECT_EQ(ok(store->list_organizations()).size(), 2u * kEach);
  EXPECT_EQ(ok(store->config_generation()), 2 * kEach);
}

}  // namespace
}  // namespace scepter::store
