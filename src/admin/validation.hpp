#pragma once
// Input rules shared by the admin services. Every failure is an `invalid` error naming the field,
// so that the CLI and the REST API can point at what to fix.

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace scepter::admin {

inline constexpr std::size_t kMaxNameLength = 128;
inline constexpr std::size_t kMaxUriExtensionLength = 64;

// Valid UTF-8 without control characters: text that may be stored, shown and written as JSON.
Status check_text(std::string_view field, std::string_view value);
// Not blank, at most kMaxNameLength bytes, check_text(), no space at either end and no invisible
// character (zero-width, bidirectional control, ...), so that two names that look alike are alike.
Status check_name(std::string_view field, std::string_view value);
Status check_one_of(std::string_view field, std::string_view value,
                    std::span<const std::string_view> allowed);
inline Status check_one_of(std::string_view field, std::string_view value,
                           std::initializer_list<std::string_view> allowed) {
  return check_one_of(field, value, std::span(allowed.begin(), allowed.size()));
}
// 1..64 characters from the RFC 3986 unreserved set, and not a dot segment ("." or "..").
Status check_uri_extension(std::string_view value);
// An http or https URL; a trailing slash is dropped.
Result<std::string> normalize_base_url(std::string url);
// Hex with optional ':' separators, any case -> lower-case hex without separators.
Result<std::string> normalize_serial(std::string_view serial);

// A GUID (8-4-4-4-12 hex digits) -> lower case.
Result<std::string> normalize_guid(std::string_view field, std::string_view value);
// An https URL with a host and no query, fragment or credentials; trailing slashes dropped.
Result<std::string> normalize_https_url(std::string_view field, std::string url);

Error conflict_on(std::string field, std::string client_text);
Error not_found(std::string client_text);

}  // namespace scepter::admin
