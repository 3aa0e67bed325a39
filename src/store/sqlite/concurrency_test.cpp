// Several processes use one database file at once (threads and nodes: tests/store).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/sqlite/sqlite_store.hpp"
#include "store/test_support.hpp"

namespace scepter::store {
namespace {

using testing::ok;
using testing::TempDatabase;

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
