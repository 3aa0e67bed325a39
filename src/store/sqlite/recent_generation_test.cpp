// recent_config_generation(): a per-request check that reads the database at most every max_age,
// yet never misses a change made through the same Store object.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "store/sqlite/sqlite_store.hpp"
#include "store/test_support.hpp"

namespace scepter::store {
namespace {

using namespace std::chrono_literals;
using testing::ok;
using testing::TempDatabase;

TEST(SqliteRecentConfigGeneration, OwnWritesShowAtOnce) {
  TempDatabase db;
  auto store = ok(open_sqlite_store(db.path()));
  auto before = ok(store->recent_config_generation(1h));
  EXPECT_EQ(before, ok(store->config_generation()));
  ok(store->create_organization({.name = "acme", .created_at = 1}));
  EXPECT_GT(ok(store->recent_config_generation(1h)), before);
  EXPECT_EQ(ok(store->recent_config_generation(1h)), ok(store->config_generation()));
}

// Another Store on the same file stands for the CLI in another process or another node.
class SqliteRecentGenerationTwoStores : public ::testing::Test {
 protected:
  TempDatabase db;
  std::unique_ptr<Store> server = ok(open_sqlite_store(db.path()));
  std::unique_ptr<Store> cli = ok(open_sqlite_store(db.path()));
};

TEST_F(SqliteRecentGenerationTwoStores, OtherWritersShowWithinMaxAge) {
  auto before = ok(server->recent_config_generation(1h));
  ok(cli->create_organization({.name = "acme", .created_at = 1}));
  auto changed = ok(cli->config_generation());
  ASSERT_GT(changed, before);

  EXPECT_EQ(ok(server->recent_config_generation(1h)), before);  // cached: not re-read
  EXPECT_EQ(ok(server->recent_config_generation(0ms)), changed);
  ok(cli->create_organization({.name = "other", .created_at = 1}));
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(ok(server->recent_config_generation(10ms)), ok(cli->config_generation()));
}

// An enrollment writes certificates, requests and audit rows, never configuration: such writes
// must not send every next request to the database for the generation.
TEST_F(SqliteRecentGenerationTwoStores, WritesOutsideConfigurationKeepTheCachedValue) {
  auto before = ok(server->recent_config_generation(1h));
  ok(cli->create_organization({.name = "acme", .created_at = 1}));
  ok(server->append_audit({.at = 1, .actor = "scep", .action = "certificate.issue"}));
  ok(server->add_failure("challenge:demo:192.0.2.1", 1, 60));
  EXPECT_EQ(ok(server->recent_config_generation(1h)), before);  // not re-read
  EXPECT_GT(ok(server->recent_config_generation(0ms)), before);
}

}  // namespace
}  // namespace scepter::store
