#include "crypto/name.hpp"

#include <string_view>

namespace scepter::crypto {
namespace {

// RFC 4514 section 2.4: special characters anywhere, '#' and space at the start, space at the
// end, and NUL as a hex pair.
void append_escaped(std::string& out, std::string_view value) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\0') {
      out += "\\00";
      continue;
    }
    bool special = std::string_view(",+\"\\<>;").find(c) != std::string_view::npos;
    bool leading = i == 0 && (c == '#' || c == ' ');
    bool trailing = i + 1 == value.size() && c == ' ';
    if (special || leading || trailing) out.push_back('\\');
    out.push_back(c);
  }
}

}  // namespace

std::string to_string(const DistinguishedName& name) {
  std::string out;
  for (auto attribute = name.rbegin(); attribute != name.rend(); ++attribute) {
    if (!out.empty()) out.push_back(',');
    out += attribute->type;
    out.push_back('=');
    append_escaped(out, attribute->value);
  }
  return out;
}

std::string to_string(SanType type) {
  switch (type) {
    case SanType::dns:
      return "dns";
    case SanType::email:
      return "email";
    case SanType::uri:
      return "uri";
    case SanType::ip:
      return "ip";
    case SanType::upn:
      return "upn";
  }
  return "unknown";
}

}  // namespace scepter::crypto
