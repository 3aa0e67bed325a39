#pragma once
// Logging facade: one line per event, a message and key/value fields, human-readable or JSON.
// Callers pass only values that are safe to log: never an access code, a key or a whole request.

#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>

namespace scepter::log {

enum class Level { debug, info, warn, error };
enum class Format { text, json };

struct Field {
  std::string_view key;
  std::string value;
};

void configure(Format format, Level minimum);
bool enabled(Level level);
void event(Level level, std::string_view message, std::initializer_list<Field> fields = {});

inline void debug(std::string_view m, std::initializer_list<Field> f = {}) {
  event(Level::debug, m, f);
}
inline void info(std::string_view m, std::initializer_list<Field> f = {}) {
  event(Level::info, m, f);
}
inline void warn(std::string_view m, std::initializer_list<Field> f = {}) {
  event(Level::warn, m, f);
}
inline void error(std::string_view m, std::initializer_list<Field> f = {}) {
  event(Level::error, m, f);
}

// Renders one event as it would be written now, or at `at`; exposed for tests.
std::string render(Format format, Level level, std::string_view message,
                   std::initializer_list<Field> fields);
std::string render(Format format, Level level, std::chrono::system_clock::time_point at,
                   std::string_view message, std::initializer_list<Field> fields);

}  // namespace scepter::log
