#include "crypto/pkcs11_uri.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace scepter::crypto {
namespace {

// RFC 7512 section 2.3: the standard path and query attributes scepter understands.
constexpr std::array<std::string_view, 13> kPathAttributes = {
    "token",
    "manufacturer",
    "model",
    "serial",
    "object",
    "id",
    "type",
    "slot-id",
    "slot-description",
    "slot-manufacturer",
    "library-manufacturer",
    "library-description",
    "library-version",
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> percent_decode(std::string_view text, std::string_view attribute) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    bool complete = i + 2 < text.size();
    int high = complete ? hex_value(text[i + 1]) : -1;
    int low = complete ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0) {
      return fail(ErrorCategory::bad_request,
                  "PKCS#11 URI: bad %-escape in '" + std::string(attribute) + "'");
    }
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

struct Attribute {
  std::string_view name;
  std::string_view value;
};

Result<Attribute> split_attribute(std::string_view text) {
  auto equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    // Not echoed: a mistyped query part may hold a PIN.
    return fail(ErrorCategory::bad_request, "PKCS#11 URI: expected attribute=value pairs");
  }
  return Attribute{text.substr(0, equals), text.substr(equals + 1)};
}

// Calls read(name, decoded value) for each attribute of a path (';') or query ('&').
template <class Read>
Status for_each_attribute(std::string_view text, char separator, Read read) {
  std::vector<std::string_view> seen;
  while (!text.empty()) {
    auto end = text.find(separator);
    auto part = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (part.empty()) continue;
    SCEPTER_TRY(auto attribute, split_attribute(part));
    if (std::ranges::find(seen, attribute.name) != seen.end()) {
      return fail(ErrorCategory::bad_request,
                  "PKCS#11 URI: '" + std::string(attribute.name) + "' is given twice");
    }
    seen.push_back(attribute.name);
    SCEPTER_TRY(auto value, percent_decode(attribute.value, attribute.name));
    SCEPTER_CHECK(read(attribute.name, std::move(value)));
  }
  return {};
}

// Percent-encodes all but RFC 3986 unreserved characters and `also_allowed`.
std::string escape(ByteView value, std::string_view also_allowed) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (auto byte : value) {
    char c = static_cast<char>(byte);
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' ||
                      also_allowed.find(c) != std::string_view::npos;
    if (unreserved) {
      out.push_back(c);
    } else {
      out += {'%', kHex[byte >> 4], kHex[byte & 0x0f]};
    }
  }
  return out;
}

Status unknown_attribute(std::string_view name) {
  return fail(ErrorCategory::bad_request,
              "PKCS#11 URI: unknown attribute '" + std::string(name) + "'");
}

}  // namespace

bool is_pkcs11_uri(std::string_view text) {
  return text.starts_with(kPkcs11Scheme);
}

Result<Pkcs11Uri> Pkcs11Uri::parse(std::string_view text) {
  if (!is_pkcs11_uri(text)) {
    return fail(ErrorCategory::bad_request, "not a PKCS#11 URI (expected 'pkcs11:...')");
  }
  text.remove_prefix(kPkcs11Scheme.size());
  auto question = text.find('?');
  Pkcs11Uri uri;
  uri.path = std::string(text.substr(0, question));
  SCEPTER_CHECK(for_each_attribute(uri.path, ';', [&](std::string_view name, std::string value) {
    if (std::ranges::find(kPathAttributes, name) == kPathAttributes.end()) {
      return unknown_attribute(name);
    }
    if (name == "token") uri.token = std::move(value);
    if (name == "serial") uri.serial = std::move(value);
    if (name == "object") uri.object = std::move(value);
    if (name == "type") uri.type = std::move(value);
    if (name == "id") uri.id = to_bytes(value);
    return Status{};
  }));
  if (question == std::string_view::npos) return uri;
  SCEPTER_CHECK(for_each_attribute(text.substr(question + 1), '&',
                                   [&](std::string_view name, std::string value) {
                                     if (name == "module-path") {
                                       uri.module_path = std::move(value);
                                     } else if (name == "pin-value") {
                                       uri.pin_value = std::move(value);
                                     } else if (name == "pin-source") {
                                       uri.pin_source = std::move(value);
                                     } else {
                                       return unknown_attribute(name);
                                     }
                                     return Status{};
                                   }));
  return uri;
}

std::string Pkcs11Uri::object_uri() const {
  return std::string(kPkcs11Scheme) + path;
}

std::string Pkcs11Uri::reference() const {
  std::string query;
  auto add = [&](std::string_view name, const std::string& value) {
    if (value.empty()) return;
    query += (query.empty() ? "?" : "&") + std::string(name) + "=";
    // RFC 7512 lets query values keep '/' and ':': paths stay readable.
    query += escape(as_bytes(value), "/:");
  };
  add("module-path", module_path);
  add("pin-source", pin_source);
  return object_uri() + query;
}

std::string pkcs11_escape(ByteView value) {
  return escape(value, "");
}

Result<std::string> resolve_pkcs11_pin(const Pkcs11Uri& uri, std::string_view pin_env) {
  if (!uri.pin_value.empty()) return uri.pin_value;
  if (!uri.pin_source.empty()) {
    std::string_view file = uri.pin_source;
    if (file.starts_with("file:")) file.remove_prefix(5);
    std::ifstream in{std::string(file)};
    std::stringstream text;
    if (!in || !(text << in.rdbuf())) {
      return fail(ErrorCategory::not_found, "cannot read the PKCS#11 PIN file", std::string(file));
    }
    auto pin = text.str();
    if (pin.ends_with('\n')) pin.pop_back();
    if (pin.ends_with('\r')) pin.pop_back();
    return pin;
  }
  if (pin_env.empty()) return std::string();
  const char* from_env = std::getenv(std::string(pin_env).c_str());
  return std::string(from_env == nullptr ? "" : from_env);
}

}  // namespace scepter::crypto
