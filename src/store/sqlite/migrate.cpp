#include "store/sqlite/migrate.hpp"

#include <chrono>
#include <utility>

#include "core/log.hpp"
#include "store/sql/statements.hpp"
#include "store/sqlite/transaction.hpp"

namespace scepter::store::sqlite {
namespace {

using sql::run;
using sql::select_integer;

Result<int> current_version(Connection& connection) {
  SCEPTER_TRY(long long version,
              select_integer(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version"));
  return static_cast<int>(version);
}

Status refuse_newer(int found, int newest) {
  return fail(ErrorCategory::store, "database schema is newer than this program",
              "schema_version " + std::to_string(found) + " is newer than the newest migration " +
                  std::to_string(newest) + " this build knows; upgrade scepter");
}

long long now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status apply_one(Connection& connection, const Migration& migration, int newest) {
  SCEPTER_TRY(auto transaction, WriteTransaction::begin(connection));
  SCEPTER_TRY(int version, current_version(connection));
  if (version > newest) return refuse_newer(version, newest);
  // Another process may have applied it since we looked.
  if (version >= migration.version) return transaction.commit();
  const std::string label =
      "migration " + std::to_string(migration.version) + "_" + std::string(migration.name);
  if (auto applied = connection.execute(std::string(migration.sql)); !applied) {
    return fail(std::move(applied).error().context(label));
  }
  SCEPTER_TRY(long long broken_references,
              select_integer(connection, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
  if (broken_references > 0) {
    return fail(ErrorCategory::store, "a migration broke foreign keys",
                label + " left " + std::to_string(broken_references) +
                    " row(s) naming a missing row; nothing was applied");
  }
  SCEPTER_CHECK(run(connection,
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    migration.version, migration.name, now_unix()));
  return transaction.commit();
}

// SQLite changes a table's definition only by building a new table and dropping the old one, and
// with foreign keys on, dropping a table first deletes its rows, running ON DELETE actions on the
// rows that refer to them. So migrations run with foreign keys off (which only takes effect
// outside a transaction), and each one checks them itself before it commits.
class ForeignKeysOff {
 public:
  static Result<ForeignKeysOff> begin(Connection& connection) {
    SCEPTER_CHECK(connection.execute("PRAGMA foreign_keys = OFF"));
    return ForeignKeysOff(connection);
  }
  ForeignKeysOff(ForeignKeysOff&& other) noexcept
      : connection_(std::exchange(other.connection_, nullptr)) {}
  ForeignKeysOff& operator=(ForeignKeysOff&&) = delete;
  ~ForeignKeysOff() {
    if (connection_ == nullptr) return;
    if (auto restored = connection_->execute("PRAGMA foreign_keys = ON"); !restored) {
      log::error("turning foreign keys back on failed", {{"detail", restored.error().log_text}});
    }
  }

 private:
  explicit ForeignKeysOff(Connection& connection) : connection_(&connection) {}
  Connection* connection_;
};

}  // namespace

Status apply_migrations(Connection& connection, const std::vector<Migration>& migrations) {
  SCEPTER_CHECK(connection.execute(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
  int newest = migrations.empty() ? 0 : migrations.back().version;
  SCEPTER_TRY(int version, current_version(connection));
  if (version > newest) return refuse_newer(version, newest);
  SCEPTER_TRY(auto foreign_keys_off, ForeignKeysOff::begin(connection));
  for (const auto& migration : migrations) {
    if (migration.version <= version) continue;
    SCEPTER_CHECK(apply_one(connection, migration, newest));
  }
  return {};
}

}  // namespace scepter::store::sqlite
