#include "store/sqlite/migrate.hpp"

#include <gtest/gtest.h>

#include "store/sql/statements.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/test_support.hpp"

namespace scepter::store::sqlite {
namespace {

using testing::fails_with;
using testing::ok;
using testing::TempDatabase;

class MigrateTest : public ::testing::Test {
 protected:
  MigrateTest() : connection(ok(Connection::open(db.path(), {}))) {}

  std::vector<long long> versions() {
    return ok(select_all(
        *connection, [](const sql::Query& q) -> Result<long long> { return q.integer(0); },
        "SELECT version FROM schema_version ORDER BY version"));
  }
  long long count(std::string_view table) {
    return ok(select_integer(*connection, "SELECT COUNT(*) FROM " + std::string(table)));
  }

  TempDatabase db;
  std::unique_ptr<Connection> connection;
};

const std::vector<Migration> kTwo = {
    {1, "create", "CREATE TABLE a (x INTEGER); INSERT INTO a (x) VALUES (1);"},
    {2, "grow", "INSERT INTO a (x) VALUES (2);"},
};

TEST_F(MigrateTest, AppliesInOrderAndRecordsEach) {
  ok(apply_migrations(*connection, kTwo));
  EXPECT_EQ(versions(), (std::vector<long long>{1, 2}));
  EXPECT_EQ(count("a"), 2);
}

TEST_F(MigrateTest, ReapplyingChangesNothing) {
  ok(apply_migrations(*connection, kTwo));
  ok(apply_migrations(*connection, kTwo));
  EXPECT_EQ(versions(), (std::vector<long long>{1, 2}));
  EXPECT_EQ(count("a"), 2);
}

TEST_F(MigrateTest, OnlyNewerMigrationsRunOnAnOlderDatabase) {
  ok(apply_migrations(*connection, {kTwo[0]}));
  EXPECT_EQ(count("a"), 1);
  ok(apply_migrations(*connection, kTwo));
  EXPECT_EQ(versions(), (std::vector<long long>{1, 2}));
  EXPECT_EQ(count("a"), 2);
}

TEST_F(MigrateTest, AFailingMigrationLeavesNoTrace) {
  std::vector<Migration> broken = {
      kTwo[0], {2, "broken", "INSERT INTO a (x) VALUES (2); CREATE TABLE b (y); NOT SQL;"}};
  auto applied = apply_migrations(*connection, broken);
  ASSERT_TRUE(fails_with(applied, ErrorCategory::store));
  EXPECT_NE(applied.error().log_text.find("migration 2_broken"), std::string::npos);
  EXPECT_EQ(versions(), (std::vector<long long>{1}));
  EXPECT_EQ(count("a"), 1);
  EXPECT_FALSE(select_integer(*connection, "SELECT COUNT(*) FROM b"));
}

TEST_F(MigrateTest, ANewerDatabaseIsRefused) {
  ok(apply_migrations(*connection, kTwo));
  auto refused = apply_migrations(*connection, {kTwo[0]});
  ASSERT_TRUE(fails_with(refused, ErrorCategory::store));
  EXPECT_NE(refused.error().log_text.find("newer"), std::string::npos);
  EXPECT_EQ(count("a"), 2);
}

TEST(SqliteStoreSchema, ReopeningKeepsDataAndAppliesNothingTwice) {
  TempDatabase db;
  {
    auto store = ok(open_sqlite_store(db.path()));
    ok(store->create_organization({.name = "Acme", .created_at = 1}));
  }
  auto store = ok(open_sqlite_store(db.path()));
  EXPECT_EQ(ok(store->find_organization("Acme")).created_at, 1);
  auto connection = ok(Connection::open(db.path(), {}));
  EXPECT_EQ(ok(select_integer(*connection, "SELECT COUNT(*) FROM schema_version")),
            static_cast<long long>(migrations().size()));
  EXPECT_EQ(ok(select_integer(*connection, "SELECT MAX(version) FROM schema_version")),
            migrations().back().version);
}

TEST(SqliteStoreSchema, AStoreRefusesANewerSchema) {
  TempDatabase db;
  ok(open_sqlite_store(db.path()));
  auto connection = ok(Connection::open(db.path(), {}));
  ok(run(*connection,
         "INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future', 0)"));
  auto refused = open_sqlite_store(db.path());
  ASSERT_TRUE(fails_with(refused, ErrorCategory::store));
  EXPECT_NE(refused.error().log_text.find("9999"), std::string::npos);
}

TEST(SqliteStoreSchema, UsesWalAndEnforcesForeignKeys) {
  TempDatabase db;
  auto connection = ok(Connection::open(db.path(), {}));
  auto mode = ok(select_optional(
      *connection, [](const sql::Query& q) -> Result<std::string> { return q.text(0); },
      "PRAGMA journal_mode"));
  EXPECT_EQ(mode, "wal");
  EXPECT_EQ(ok(select_integer(*connection, "PRAGMA foreign_keys")), 1);
  EXPECT_EQ(ok(select_integer(*connection, "PRAGMA synchronous")), 1);  // NORMAL
}

// Each enrollment's rows enter every index of their tables, so indexes that serve only rare rows
// are partial or gone (0004); the rare rows must still be found through an index, not a scan.
TEST(SqliteStoreSchema, PendingRequestsAndRevokedCertificatesAreFoundThroughAnIndex) {
  TempDatabase db;
  ok(open_sqlite_store(db.path()));
  auto connection = ok(Connection::open(db.path(), {}));
  auto plan = [&](const std::string& query) {
    auto steps = ok(select_all(
        *connection, [](const sql::Query& q) -> Result<std::string> { return q.text(3); },
        "EXPLAIN QUERY PLAN " + query));
    std::string joined;
    for (const auto& step : steps) joined += step + "; ";
    return joined;
  };
  for (const std::string query :
       {"SELECT id FROM transactions WHERE status = 'pending' ORDER BY id",
        "SELECT id FROM transactions WHERE status = 'pending' AND endpoint_id = ? ORDER BY id"}) {
    auto steps = plan(query);
    EXPECT_NE(steps.find("INDEX transactions_pending"), std::string::npos)
        << query << ": " << steps;
    EXPECT_EQ(steps.find("TEMP B-TREE"), std::string::npos) << query << ": " << steps;
  }
  auto revoked = plan(
      "SELECT id FROM certificates WHERE ca_id = ? AND status = 'revoked' ORDER BY revoked_at, id");
  EXPECT_NE(revoked.find("INDEX certificates_status"), std::string::npos) << revoked;
}

TEST(SqliteStoreSchema, AnUnopenableFileIsAStoreError) {
  EXPECT_TRUE(fails_with(open_sqlite_store("/nonexistent-dir/scepter.db"), ErrorCategory::store));
}

}  // namespace
}  // namespace scepter::store::sqlite
