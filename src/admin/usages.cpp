#include "admin/usages.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "crypto/issue.hpp"

namespace scepter::admin {
namespace {

using crypto::KeyUsage;

constexpr std::array<std::pair<std::string_view, unsigned>, 5> kKeyUsages{{
    {"digitalSignature", KeyUsage::digital_signature},
    {"nonRepudiation", KeyUsage::non_repudiation},
    {"keyEncipherment", KeyUsage::key_encipherment},
    {"dataEncipherment", KeyUsage::data_encipherment},
    {"keyAgreement", KeyUsage::key_agreement},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kExtendedKeyUsages{{
    {"serverAuth", "1.3.6.1.5.5.7.3.1"},
    {"clientAuth", "1.3.6.1.5.5.7.3.2"},
    {"codeSigning", "1.3.6.1.5.5.7.3.3"},
    {"emailProtection", "1.3.6.1.5.5.7.3.4"},
    {"timeStamping", "1.3.6.1.5.5.7.3.8"},
    {"ocspSigning", "1.3.6.1.5.5.7.3.9"},
}};

// Two or more arcs of digits, the first 0..2: enough to reject typos without an ASN.1 parser.
bool is_dotted_oid(std::string_view text) {
  if (text.size() < 3 || text[0] < '0' || text[0] > '2' || text[1] != '.') return false;
  bool previous_was_dot = true;
  for (char c : text.substr(2)) {
    if (c == '.') {
      if (previous_was_dot) return false;
      previous_was_dot = true;
    } else if (c >= '0' && c <= '9') {
      previous_was_dot = false;
    } else {
      return false;
    }
  }
  return !previous_was_dot;
}

}  // namespace

Result<unsigned> parse_key_usage(const std::vector<std::string>& names) {
  unsigned bits = 0;
  for (const auto& name : names) {
    const auto* found =
        std::ranges::find(kKeyUsages, name, &std::pair<std::string_view, unsigned>::first);
    if (found == kKeyUsages.end()) {
      return fail(invalid_field("key_usage", "unknown key usage '" + name + "'"));
    }
    bits |= found->second;
  }
  return bits;
}

std::vector<std::string> key_usage_names(unsigned bits) {
  std::vector<std::string> names;
  for (const auto& [name, bit] : kKeyUsages) {
    if (bits & bit) names.emplace_back(name);
  }
  return names;
}

Result<std::string> parse_extended_key_usage(std::string_view name_or_oid) {
  for (const auto& [name, oid] : kExtendedKeyUsages) {
    if (name == name_or_oid) return std::string(oid);
  }
  if (is_dotted_oid(name_or_oid)) return std::string(name_or_oid);
  return fail(invalid_field("extended_key_usage",
                            "unknown extended key usage '" + std::string(name_or_oid) + "'"));
}

std::string extended_key_usage_name(std::string_view oid) {
  for (const auto& [name, known_oid] : kExtendedKeyUsages) {
    if (known_oid == oid) return std::string(name);
  }
  return std::string(oid);
}

}  // namespace scepter::admin
