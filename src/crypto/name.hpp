#pragma once

#include <string>
#include <vector>

namespace scepter::crypto {

// One attribute of a distinguished name, by OpenSSL short name ("CN", "O", "OU", "C", "L", "ST",
// "emailAddress", "serialNumber", ...) with its value as UTF-8.
struct NameAttribute {
  std::string type;
  std::string value;
  bool operator==(const NameAttribute&) const = default;
};

// In the order it is encoded (most significant RDN first, e.g. C, O, OU, CN). Multi-valued RDNs
// read as consecutive attributes; when encoded, each attribute becomes its own RDN.
using DistinguishedName = std::vector<NameAttribute>;

// RFC 4514 style one-line rendering, most specific first: "CN=router1,O=Example".
std::string to_string(const DistinguishedName& name);

enum class SanType { dns, email, uri, ip, upn };

struct SubjectAltName {
  SanType type;
  std::string value;  // IP addresses in text form
  bool operator==(const SubjectAltName&) const = default;
};

std::string to_string(SanType type);  // "dns", "email", "uri", "ip", "upn"

}  // namespace scepter::crypto
