#include "admin/audit.hpp"

#include <gtest/gtest.h>

#include "admin/admin_test_fixture.hpp"

namespace scepter::admin {
namespace {

using AuditTest = AdminFixture;

// Services check their text inputs, but the event is written after the change it records: it
// must not throw on text that slipped through (or was stored before the checks existed).
TEST_F(AuditTest, RecordsTextThatIsNotUtf8WithReplacementCharacters) {
  const nlohmann::json after = {{"name", "bad\xffname"}};
  ASSERT_TRUE(record_audit(*workspace_, actor_, "test.create", "test:bad", nullptr, after));
  const auto events = audit_events();
  const auto found =
      std::ranges::find(events, std::string("test.create"), &store::AuditEvent::action);
  ASSERT_NE(found, events.end());
  EXPECT_EQ(found->after, "{\"name\":\"bad\xef\xbf\xbdname\"}");
  EXPECT_TRUE(found->before.empty());
}

}  // namespace
}  // namespace scepter::admin
