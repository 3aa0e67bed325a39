#include "store/open_store.hpp"

#include <gtest/gtest.h>

#include "store/test_support.hpp"

namespace scepter::store {
namespace {

using testing::fails_with;
using testing::ok;
using testing::TempDatabase;

TEST(OpenStore, PostgresUrisAreRecognized) {
  EXPECT_TRUE(is_postgres_location("postgresql://db.example/scepter"));
  EXPECT_TRUE(is_postgres_location("postgres://u@db/scepter"));
  EXPECT_FALSE(is_postgres_location("sqlite:/var/lib/scepter/scepter.db"));
  EXPECT_FALSE(is_postgres_location("/var/lib/postgresql/scepter.db"));
}

TEST(OpenStore, PlainPathsAndSqliteLocationsOpenTheSameFile) {
  TempDatabase db;
  auto store = ok(open_store(db.path()));
  ok(store->create_organization({.name = "Acme", .created_at = 1}));
  auto again = ok(open_store("sqlite:" + db.path()));
  EXPECT_EQ(ok(again->find_organization("Acme")).created_at, 1);
}

TEST(OpenStore, MigratingReportsVersionsBeforeAndAfter) {
  TempDatabase db;
  const int newest = migrations().back().version;
  auto first = ok(migrate_store(db.path()));
  EXPECT_EQ(first.from, 0);
  EXPECT_EQ(first.to, newest);
  auto second = ok(migrate_store("sqlite:" + db.path()));
  EXPECT_EQ(second.from, newest);
  EXPECT_EQ(second.to, newest);
}

TEST(OpenStore, AnUnreachablePostgresIsUnavailable) {
  EXPECT_TRUE(fails_with(open_store("postgresql:///scepter?host=/nonexistent-scepter"),
                         ErrorCategory::unavailable));
  EXPECT_TRUE(fails_with(migrate_store("postgres:///scepter?host=/nonexistent-scepter"),
                         ErrorCategory::unavailable));
}

TEST(OpenStore, PasswordsAreMaskedInDescriptions) {
  EXPECT_EQ(describe_location("postgresql://scepter:s3cret@db:5432/ca"),
            "postgresql://scepter:***@db:5432/ca");
  EXPECT_EQ(describe_location("postgresql://scepter@db/ca"), "postgresql://scepter@db/ca");
  EXPECT_EQ(describe_location("postgresql://db/ca"), "postgresql://db/ca");
  EXPECT_EQ(describe_location("postgresql://db/ca?user=s&password=s3cret&sslmode=require"),
            "postgresql://db/ca?user=s&password=***&sslmode=require");
  EXPECT_EQ(describe_location("/var/lib/scepter.db"), "/var/lib/scepter.db");
}

}  // namespace
}  // namespace scepter::store
