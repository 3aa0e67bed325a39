#include "core/log.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

namespace scepter {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

system_clock::time_point at(year_month_day day, hours h, minutes m, seconds s, milliseconds ms) {
  return system_clock::time_point(sys_days(day) + h + m + s + ms);
}

std::string text_line(system_clock::time_point when) {
  return log::render(log::Format::text, log::Level::info, when, "scep", {{"endpoint", "demo"}});
}

TEST(Log, JsonEscapesAndTextQuotes) {
  auto json = log::render(log::Format::json, log::Level::info, "scep",
                          {{"endpoint", "demo"}, {"reason", "bad \"x\"\n"}});
  EXPECT_NE(json.find("\"endpoint\":\"demo\""), std::string::npos);
  EXPECT_NE(json.find("\"reason\":\"bad \\\"x\\\"\\n\""), std::string::npos);
  auto text = log::render(log::Format::text, log::Level::warn, "scep",
                          {{"endpoint", "demo"}, {"reason", "two words"}});
  EXPECT_NE(text.find(" warn scep endpoint=demo reason=\"two words\""), std::string::npos);
}

TEST(Log, TwoLinesWithinOneSecondShareThePrefix) {
  auto day = 2026y / November / 29;
  EXPECT_EQ(text_line(at(day, 8h, 42min, 12s, 459ms)),
            "2026-11-29T08:42:12.459Z info scep endpoint=demo");
  EXPECT_EQ(text_line(at(day, 8h, 42min, 12s, 7ms)),
            "2026-11-29T08:42:12.007Z info scep endpoint=demo");
}

TEST(Log, ASecondBoundaryRendersTheNewSecond) {
  auto day = 2026y / December / 31;
  EXPECT_EQ(text_line(at(day, 23h, 59min, 59s, 999ms)),
            "2026-12-31T23:59:59.999Z info scep endpoint=demo");
  EXPECT_EQ(text_line(at(2027y / January / 1, 0h, 0min, 0s, 0ms)),
            "2027-01-01T00:00:00.000Z info scep endpoint=demo");
  // A clock stepped back (NTP) must not keep showing the later second.
  EXPECT_EQ(text_line(at(day, 23h, 59min, 58s, 10ms)),
            "2026-12-31T23:59:58.010Z info scep endpoint=demo");
}

TEST(Log, JsonTimeIsTheSameTimestamp) {
  auto when = at(2026y / November / 29, 8h, 42min, 12s, 90ms);
  EXPECT_EQ(log::render(log::Format::json, log::Level::error, when, "stopped", {}),
            R"({"time":"2026-11-29T08:42:12.090Z","level":"error","msg":"stopped"})");
}

TEST(Log, EachThreadRendersItsOwnSecond) {
  auto main_time = at(2026y / November / 29, 8h, 42min, 12s, 1ms);
  EXPECT_EQ(text_line(main_time), "2026-11-29T08:42:12.001Z info scep endpoint=demo");
  std::string other;
  std::jthread([&] { other = text_line(main_time + 3s); }).join();
  EXPECT_EQ(other, "2026-11-29T08:42:15.001Z info scep endpoint=demo");
  EXPECT_EQ(text_line(main_time + 500ms), "2026-11-29T08:42:12.501Z info scep endpoint=demo");
}

TEST(Log, NowRendersTheCurrentSecond) {
  auto before = floor<seconds>(system_clock::now());
  auto line = log::render(log::Format::text, log::Level::debug, "tick", {});
  auto after = floor<seconds>(system_clock::now());
  // Whichever second the line was rendered in, its prefix is that second's rendering.
  bool matches = line.starts_with(text_line(before).substr(0, 20)) ||
                 line.starts_with(text_line(after).substr(0, 20));
  EXPECT_TRUE(matches) << line;
  EXPECT_TRUE(line.ends_with("Z debug tick")) << line;
}

}  // namespace
}  // namespace scepter
