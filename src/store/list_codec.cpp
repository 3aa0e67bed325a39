#include "store/list_codec.hpp"

#include <charconv>
#include <cstdio>

namespace scepter::store {
namespace {

void append_quoted(std::string& out, std::string_view item) {
  out += '"';
  for (char c : item) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[7];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  out += '"';
}

std::unexpected<Error> damaged(std::string_view text) {
  return fail(ErrorCategory::store, "stored data is damaged",
              "not a list column: " + std::string(text.substr(0, 64)));
}

// Walks the text between '[' and ']', handing each comma-separated element to `element`,
// which consumes it from the front of its argument.
template <class ParseElement>
Status parse_array(std::string_view text, ParseElement element) {
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return damaged(text);
  std::string_view rest = text.substr(1, text.size() - 2);
  if (rest.empty()) return {};
  while (true) {
    if (!element(rest)) return damaged(text);
    if (rest.empty()) return {};
    if (rest.front() != ',') return damaged(text);
    rest.remove_prefix(1);
  }
}

bool parse_quoted(std::string_view& rest, std::string& out) {
  if (rest.empty() || rest.front() != '"') return false;
  std::size_t i = 1;
  while (i < rest.size() && rest[i] != '"') {
    if (rest[i] != '\\') {
      out += rest[i++];
      continue;
    }
    if (i + 1 >= rest.size()) return false;
    char kind = rest[i + 1];
    if (kind == '"' || kind == '\\') {
      out += kind;
      i += 2;
    } else if (kind == 'u' && i + 6 <= rest.size() && rest.substr(i + 2, 2) == "00") {
      unsigned value = 0;
      auto hex = rest.substr(i + 4, 2);
      auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
      if (ec != std::errc{} || end != hex.data() + hex.size()) return false;
      out += static_cast<char>(value);
      i += 6;
    } else {
      return false;
    }
  }
  if (i >= rest.size()) return false;
  rest.remove_prefix(i + 1);
  return true;
}

}  // namespace

std::string encode_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    append_quoted(out, items[i]);
  }
  return out + "]";
}

std::string encode_list(const std::vector<int>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(items[i]);
  }
  return out + "]";
}

Result<std::vector<std::string>> decode_string_list(std::string_view text) {
  std::vector<std::string> items;
  SCEPTER_CHECK(parse_array(
      text, [&](std::string_view& rest) { return parse_quoted(rest, items.emplace_back()); }));
  return items;
}

Result<std::vector<int>> decode_int_list(std::string_view text) {
  std::vector<int> items;
  SCEPTER_CHECK(parse_array(text, [&](std::string_view& rest) {
    int value = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    if (ec != std::errc{} || end == rest.data()) return false;
    items.push_back(value);
    rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
    return true;
  }));
  return items;
}

}  // namespace scepter::store
