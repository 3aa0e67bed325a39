#include "admin/validation.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/bytes.hpp"
#include "core/utf8.hpp"

namespace scepter::admin {
namespace {

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '~' || c == '-';
}

bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7f;
}

// C1 controls: invisible, and some terminals act on them.
bool is_c1_control(char32_t point) {
  return point >= 0x80 && point <= 0x9f;
}

// Code points that show nothing or reorder what follows them: a name holding one looks the same
// as another name (or as an admin's own), and bidirectional overrides make text read differently
// from how it sorts and compares (CVE-2021-42574).
bool is_invisible(char32_t point) {
  return point == 0x00ad || point == 0x034f || point == 0x061c || point == 0x180e ||
         (point >= 0x200b && point <= 0x200f) || (point >= 0x202a && point <= 0x202e) ||
         (point >= 0x2060 && point <= 0x206f) || point == 0xfeff ||
         (point >= 0xfe00 && point <= 0xfe0f);
}

std::string code_point_text(char32_t point) {
  char text[16];
  std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(point));
  return text;
}

bool is_printable_text(std::string_view text) {
  return is_utf8(text) && std::ranges::none_of(text, is_control);
}

std::string joined(std::span<const std::string_view> values) {
  std::string out;
  for (auto value : values) {
    if (!out.empty()) out += ", ";
    out += value;
  }
  return out;
}

}  // namespace

Status check_text(std::string_view field, std::string_view value) {
  const std::string name(field);
  if (std::ranges::any_of(value, is_control)) {
    return fail(invalid_field(name, name + " must not contain control characters"));
  }
  const auto points = code_points(value);
  if (!points) return fail(invalid_field(name, name + " must be valid UTF-8"));
  if (std::ranges::any_of(*points, is_c1_control)) {
    return fail(invalid_field(name, name + " must not contain control characters"));
  }
  return {};
}

Status check_name(std::string_view field, std::string_view value) {
  const std::string name(field);
  if (value.find_first_not_of(" \t") == std::string_view::npos) {
    return fail(invalid_field(name, name + " must not be empty"));
  }
  if (value.size() > kMaxNameLength) {
    return fail(invalid_field(
        name, name + " is longer than " + std::to_string(kMaxNameLength) + " characters"));
  }
  SCEPTER_CHECK(check_text(field, value));
  if (value.front() == ' ' || value.back() == ' ') {
    return fail(invalid_field(name, name + " must not begin or end with a space"));
  }
  const auto points = code_points(value);
  if (auto hidden = std::ranges::find_if(*points, is_invisible); hidden != points->end()) {
    return fail(invalid_field(
        name, name + " must not contain invisible characters (" + code_point_text(*hidden) + ")"));
  }
  return {};
}

Status check_one_of(std::string_view field, std::string_view value,
                    std::span<const std::string_view> allowed) {
  if (std::ranges::find(allowed, value) != allowed.end()) return {};
  const std::string name(field);
  return fail(invalid_field(name, name + " must be one of: " + joined(allowed)));
}

Status check_uri_extension(std::string_view value) {
  if (value.empty() || value.size() > kMaxUriExtensionLength) {
    return fail(invalid_field("uri_extension", "uri_extension must be 1 to 64 characters"));
  }
  if (!std::ranges::all_of(value, is_unreserved)) {
    return fail(invalid_field("uri_extension",
                              "uri_extension may contain only letters, digits and . _ ~ -"));
  }
  if (value == "." || value == "..") {
    return fail(invalid_field("uri_extension", "uri_extension must not be a dot segment"));
  }
  return {};
}

Result<std::string> normalize_base_url(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  const bool http = url.starts_with("http://") && url.size() > 7;
  const bool https = url.starts_with("https://") && url.size() > 8;
  if ((!http && !https) || !is_printable_text(url) || url.find(' ') != std::string::npos) {
    return fail(invalid_field("public_base_url", "public_base_url must be an http or https URL"));
  }
  return url;
}

Result<std::string> normalize_guid(std::string_view field, std::string_view value) {
  constexpr std::string_view kShape = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
  const std::string name(field);
  bool fits = value.size() == kShape.size();
  for (std::size_t i = 0; fits && i < value.size(); ++i) {
    fits = kShape[i] == '-' ? value[i] == '-' : std::isxdigit(static_cast<unsigned char>(value[i]));
  }
  if (!fits) {
    return fail(
        invalid_field(name, name + " must be a GUID like 00000000-0000-0000-0000-000000000000"));
  }
  std::string lower(value);
  std::ranges::transform(lower, lower.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

Result<std::string> normalize_https_url(std::string_view field, std::string url) {
  constexpr std::string_view kScheme = "https://";
  const std::string name(field);
  while (!url.empty() && url.back() == '/') url.pop_back();
  const std::string_view rest = std::string_view(url).substr(std::min(url.size(), kScheme.size()));
  const auto host_end = rest.find('/');
  const bool fits = url.starts_with(kScheme) && !rest.empty() && host_end != 0 &&
                    url.find_first_of("?#@ \\") == std::string::npos && is_printable_text(url);
  if (!fits) return fail(invalid_field(name, name + " must be an https URL with a host"));
  return url;
}

Result<std::string> normalize_serial(std::string_view serial) {
  Bytes bytes;
  if (serial.empty() || !hex_decode(serial, bytes) || bytes.empty()) {
    return fail(invalid_field("serial", "serial must be hexadecimal"));
  }
  return hex_encode(bytes);
}

Error conflict_on(std::string field, std::string client_text) {
  Error error = make_error(ErrorCategory::conflict, std::move(client_text));
  error.field = std::move(field);
  return error;
}

Error not_found(std::string client_text) {
  return make_error(ErrorCategory::not_found, std::move(client_text));
}

}  // namespace scepter::admin
