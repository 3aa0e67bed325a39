#pragma once
// Key usage and extended key usage by the names of RFC 5280, as operators type them.

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace scepter::admin {

// "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement"
// -> crypto::KeyUsage bits. CA usages (keyCertSign, cRLSign) are refused for end entities.
Result<unsigned> parse_key_usage(const std::vector<std::string>& names);
std::vector<std::string> key_usage_names(unsigned bits);

// "clientAuth", "serverAuth", "emailProtection", "codeSigning", "timeStamping", "ocspSigning"
// or a dotted OID -> dotted OID.
Result<std::string> parse_extended_key_usage(std::string_view name_or_oid);
// The name for a known OID, the OID itself otherwise.
std::string extended_key_usage_name(std::string_view oid);

}  // namespace scepter::admin
