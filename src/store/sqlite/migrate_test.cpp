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

long long count_of(Connection& connection, std::string_view table) {
  return ok(select_integer(connection, "SELECT COUNT(*) FROM " + std::string(table)));
}

class MigrateTest : public ::testing::Test {
 protected:
  MigrateTest() : connection(ok(Connection::open(db.path(), {}))) {}

  std::vector<long long> versions() {
    return ok(select_all(
        *connection, [](const sql::Query& q) -> Result<long long> { return q.integer(0); },
        "SELECT version FROM schema_version ORDER BY version"));
  }
  long long count(std::string_view table) { return count_of(*connection, table); }

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

// A database made before 0005, in which a deleted account's and endpoint's ids were already taken
// again or are still named by certificates: upgrading keeps every row and reference, and new ids
// start above everything certificates name.
TEST(SqliteStoreSchema, UpgradingMakesDeletedIdsUnusableWithoutLosingRows) {
  TempDatabase db;
  auto connection = ok(Connection::open(db.path(), {}));
  const auto& all = migrations();
  ASSERT_EQ(all[4].version, 5);
  ok(apply_migrations(*connection, {all.begin(), all.begin() + 4}));
  ok(connection->execute(R"(
    INSERT INTO organizations (id, name, created_at) VALUES (1, 'Acme', 1);
    INSERT INTO certificate_profiles (id, name, cert_type, key_types, min_rsa_bits, min_ec_bits,
      terms_days, key_usage, extended_key_usage, san_types, subject_attributes,
      requires_approval, created_at) VALUES (1, 'p', 'client', 'rsa', 2048, 256, '365', 0, '',
      '', '', 0, 1);
    INSERT INTO cas (id, name, role, certificate_pem, key_ref, created_at)
      VALUES (1, 'ca', 'issuing', 'pem', 'file:k', 1);
    INSERT INTO ra_certificates (id, name, ca_id, certificate_pem, key_ref, subject, fingerprint,
      not_before, not_after, created_at) VALUES (1, 'ra', 1, 'pem', 'file:k', 'CN=RA', 'ab', 1, 2, 1);
    INSERT INTO endpoints (id, name, uri_extension, type, cert_type, ra_certificate_id,
      getcacert_format, getcert_format, delegation, enabled, allow_des3, created_at)
      VALUES (1, 'e', 'e', 'scep', 'client', 1, 'single-der', 'single', 'general', 1, 0, 1);
    INSERT INTO accounts (id, endpoint_id, name, organization_id, profile_id, term_days,
      access_code_digest, created_at, code_rotated_at) VALUES (1, 1, 'a', 1, 1, 365, x'01', 1, 1);
    INSERT INTO transactions (endpoint_id, transaction_id, public_key_sha256, status,
      message_type, account_id, csr_der, subject, reason, client_address, created_at, updated_at)
      VALUES (1, 't', x'aa', 'issued', 'PKCSReq', 1, x'30', 'CN=a', '', '127.0.0.1', 1, 1);
    INSERT INTO certificates (serial, endpoint_id, account_id, ca_id, subject, alt_names,
      not_before, not_after, status, der, public_key_sha256, transaction_id, issued_at)
      VALUES ('0A', 7, 4, 1, 'CN=gone', '', 1, 2, 'valid', x'30', x'aa', 't0', 1);
  )"));
  ok(apply_migrations(*connection, all));

  EXPECT_EQ(count_of(*connection, "accounts"), 1);
  EXPECT_EQ(count_of(*connection, "endpoints"), 1);
  EXPECT_EQ(ok(select_integer(*connection, "SELECT COUNT(*) FROM pragma_foreign_key_check")), 0);
  EXPECT_EQ(ok(select_integer(*connection, "PRAGMA foreign_keys")), 1);
  ok(run(
      *connection,
      "INSERT INTO accounts (endpoint_id, name, organization_id, profile_id, term_days, "
      "access_code_digest, created_at, code_rotated_at) VALUES (1, 'b', 1, 1, 365, x'02', 1, 1)"));
  EXPECT_EQ(ok(select_integer(*connection, "SELECT MAX(id) FROM accounts")), 5);
  ok(run(*connection,
         "INSERT INTO endpoints (name, uri_extension, type, cert_type, ra_certificate_id, "
         "getcacert_format, getcert_format, delegation, enabled, allow_des3, created_at) "
         "VALUES ('f', 'f', 'scep', 'client', 1, 'single-der', 'single', 'general', 1, 0, 1)"));
  EXPECT_EQ(ok(select_integer(*connection, "SELECT MAX(id) FROM endpoints")), 8);
  // The transactions' reference follows the rebuilt accounts table.
  ok(run(*connection, "DELETE FROM accounts WHERE id = 1"));
  EXPECT_EQ(ok(select_integer(*connection,
                              "SELECT COUNT(*) FROM transactions "
                              "WHERE account_id IS NULL")),
            1);
}

TEST_F(MigrateTest, AMigrationThatBreaksAForeignKeyIsRolledBack) {
  const std::vector<Migration> parent_and_child = {
      {1, "tables",
       "CREATE TABLE p (id INTEGER PRIMARY KEY); "
       "CREATE TABLE c (p_id INTEGER REFERENCES p (id)); "
       "INSERT INTO p (id) VALUES (1); INSERT INTO c (p_id) VALUES (1);"},
      {2, "orphan", "DELETE FROM p;"},
  };
  auto applied = apply_migrations(*connection, parent_and_child);
  ASSERT_TRUE(fails_with(applied, ErrorCategory::store));
  EXPECT_NE(applied.error().log_text.find("migration 2_orphan"), std::string::npos);
  EXPECT_EQ(versions(), (std::vector<long long>{1}));
  EXPECT_EQ(count("p"), 1);
  EXPECT_EQ(ok(select_integer(*connection, "PRAGMA foreign_keys")), 1);
}

TEST(SqliteStoreSchema, AnUnopenableFileIsAStoreError) {
  EXPECT_TRUE(fails_with(open_sqlite_store("/nonexistent-dir/scepter.db"), ErrorCategory::store));
}

}  // namespace
}  // namespace scepter::store::sqlite
