#include "core/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace scepter::log {
namespace {

std::atomic<Format> g_format{Format::text};
std::atomic<Level> g_minimum{Level::info};

std::string_view level_name(Level level) {
  switch (level) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
  }
  return "info";
}

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

// Text values with spaces or quotes are quoted so that a line still splits unambiguously.
void append_text_value(std::string& out, std::string_view value) {
  bool plain = !value.empty() && value.find_first_of(" \"=\n\r\t") == std::string_view::npos;
  if (plain) {
    out += value;
  } else {
    append_json_string(out, value);
  }
}

spdlog::logger& sink() {
  static auto logger = [] {
    auto l = std::make_shared<spdlog::logger>("scepter",
                                              std::make_shared<spdlog::sinks::stderr_sink_mt>());
    l->set_pattern("%v");
    l->set_level(spdlog::level::trace);
    return l;
  }();
  return *logger;
}

// The "YYYY-MM-DDTHH:MM:SS." part of a timestamp changes once a second while a busy server logs
// thousands of lines a second: each thread keeps the part it formatted last and only appends the
// milliseconds.
void append_timestamp(std::string& out, std::chrono::system_clock::time_point at) {
  struct SecondPrefix {
    std::chrono::sys_seconds second = std::chrono::sys_seconds::min();
    char text[48] = {};
    int size = 0;
  };
  thread_local SecondPrefix cached;
  auto second = std::chrono::floor<std::chrono::seconds>(at);
  if (second != cached.second) {
    std::time_t seconds = second.time_since_epoch().count();
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    cached.size = std::snprintf(cached.text, sizeof cached.text, "%04d-%02d-%02dT%02d:%02d:%02d.",
                                utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                                utc.tm_min, utc.tm_sec);
    cached.second = second;
  }
  out.append(cached.text, static_cast<std::size_t>(cached.size));
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(at - second).count();
  out.push_back(static_cast<char>('0' + millis / 100));
  out.push_back(static_cast<char>('0' + millis / 10 % 10));
  out.push_back(static_cast<char>('0' + millis % 10));
  out.push_back('Z');
}

}  // namespace

void configure(Format format, Level minimum) {
  g_format = format;
  g_minimum = minimum;
}

bool enabled(Level level) {
  return level >= g_minimum.load(std::memory_order_relaxed);
}

std::string render(Format format, Level level, std::chrono::system_clock::time_point at,
                   std::string_view message, std::initializer_list<Field> fields) {
  std::string out;
  if (format == Format::json) {
    // A timestamp holds nothing that JSON escapes.
    out += "{\"time\":\"";
    append_timestamp(out, at);
    out.push_back('"');
    out += ",\"level\":";
    append_json_string(out, level_name(level));
    out += ",\"msg\":";
    append_json_string(out, message);
    for (const auto& f : fields) {
      out.push_back(',');
      append_json_string(out, f.key);
      out.push_back(':');
      append_json_string(out, f.value);
    }
    out.push_back('}');
  } else {
    append_timestamp(out, at);
    out.push_back(' ');
    out += level_name(level);
    out.push_back(' ');
    out += message;
    for (const auto& f : fields) {
      out.push_back(' ');
      out += f.key;
      out.push_back('=');
      append_text_value(out, f.value);
    }
  }
  return out;
}

std::string render(Format format, Level level, std::string_view message,
                   std::initializer_list<Field> fields) {
  return render(format, level, std::chrono::system_clock::now(), message, fields);
}

void event(Level level, std::string_view message, std::initializer_list<Field> fields) {
  if (!enabled(level)) return;
  sink().info(render(g_format.load(std::memory_order_relaxed), level, message, fields));
}

}  // namespace scepter::log
