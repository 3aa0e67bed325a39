// What only the PostgreSQL store has to show: migrations shared by several starting nodes,
// refusal of a schema it does not know, and surviving a restart of the server.
#include "store/postgres/postgres_store.hpp"

#include <gtest/gtest.h>

#include <barrier>
#include <thread>

#include "backends.hpp"
#include "store/postgres/connection.hpp"
#include "store/test_support.hpp"

namespace scepter::store {
namespace {

using testing::Backend;
using testing::fails_with;
using testing::FreshDatabase;
using testing::ok;
using testing::postgres_server;

int newest_migration() {
  return migrations().back().version;
}

void execute(const std::string& uri, const std::string& sql) {
  auto connection = ok(postgres::Connection::open(uri, 5));
  ok(connection->execute(sql));
}

TEST(PostgresStore, NodesStartingAtOnceMigrateOnce) {
  FreshDatabase db(Backend::postgres);
  constexpr int kNodes = 4;
  std::barrier start(kNodes);
  std::vector<Result<SchemaChange>> changes(kNodes);
  {
    std::vector<std::jthread> nodes;
    for (int n = 0; n < kNodes; ++n) {
      nodes.emplace_back([&, n] {
        start.arrive_and_wait();
        changes[n] = migrate_postgres(db.location());
      });
    }
  }
  int from_empty = 0;
  for (const auto& change : changes) {
    ASSERT_TRUE(change) << change.error().log_text;
    EXPECT_EQ(change->to, newest_migration());
    if (change->from == 0) ++from_empty;
  }
  EXPECT_EQ(from_empty, 1);
  auto again = ok(migrate_postgres(db.location()));
  EXPECT_EQ(again.from, again.to);
}

TEST(PostgresStore, AnUnmigratedDatabaseIsRefusedUnlessMigrating) {
  FreshDatabase db(Backend::postgres);
  auto refused = open_postgres_store(db.location());
  ASSERT_TRUE(fails_with(refused, ErrorCategory::store));
  EXPECT_NE(refused.error().client_text.find("scepter migrate"), std::string::npos);
  ok(open_postgres_store(db.location(), {.apply_migrations = true}));
  ok(open_postgres_store(db.location()));
}

TEST(PostgresStore, ANewerSchemaIsRefusedEvenWhenMigrating) {
  FreshDatabase db(Backend::postgres);
  ok(migrate_postgres(db.location()));
  execute(db.location(),
          "INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future', 0)");
  EXPECT_TRUE(fails_with(open_postgres_store(db.location()), ErrorCategory::store));
  EXPECT_TRUE(fails_with(open_postgres_store(db.location(), {.apply_migrations = true}),
                         ErrorCategory::store));
  EXPECT_TRUE(fails_with(migrate_postgres(db.location()), ErrorCategory::store));
}

TEST(PostgresStore, TheSchemaIsTranslatedToNativeTypes) {
  FreshDatabase db(Backend::postgres);
  ok(migrate_postgres(db.location()));
  auto connection = ok(postgres::Connection::open(db.location(), 5));
  auto query = ok(connection->prepare(
      "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = ? AND "
      "((column_name = 'id' AND data_type = 'bigint' AND is_identity = 'YES') OR "
      "(column_name = 'der' AND data_type = 'bytea'))"));
  ok(query->bind("certificates"));
  ASSERT_TRUE(ok(query->step()));
  EXPECT_EQ(query->integer(0), 2);
}

TEST(PostgresStore, AnUnreachableServerIsUnavailable) {
  EXPECT_TRUE(fails_with(migrate_postgres("postgresql:///postgres?host=/nonexistent-scepter"),
                         ErrorCategory::unavailable));
  EXPECT_TRUE(fails_with(open_postgres_store("postgresql://127.0.0.1:1/postgres"),
                         ErrorCategory::unavailable));
}

// Restarts the process's server: stores of earlier tests are left with dead connections.
TEST(PostgresStore, CallsFailCleanlyAcrossARestartAndThenReconnect) {
  FreshDatabase db(Backend::postgres);
  auto store = db.open();
  auto seed = testing::seed(*store);
  ok(store->create_organization({.name = "before", .created_at = 1}));

  postgres_server().restart();
  // The pooled connection died with the old server: this write fails whole...
  EXPECT_TRUE(fails_with(store->record_issuance(testing::transaction(seed, "during"),
                                                testing::certificate(seed, "during", "CN=x")),
                         ErrorCategory::unavailable));
  // ...and the next call reconnects.
  EXPECT_FALSE(ok(store->find_transaction(seed.endpoint.id, "during")));
  EXPECT_EQ(ok(store->count_certificates(seed.endpoint.id)), 0);
  ok(store->create_organization({.name = "after", .created_at = 2}));

  postgres_server().stop();
  EXPECT_TRUE(fails_with(store->list_organizations(), ErrorCategory::unavailable));
  EXPECT_TRUE(fails_with(store->list_organizations(), ErrorCategory::unavailable));
  postgres_server().start();
  EXPECT_EQ(ok(store->list_organizations()).size(), 3u);
}

}  // namespace
}  // namespace scepter::store
