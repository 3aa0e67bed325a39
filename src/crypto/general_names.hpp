#pragma once
// SubjectAltName values <-> GENERAL_NAMES. Internal to crypto/.

#include <vector>

#include "crypto/handles.hpp"
#include "crypto/name.hpp"

namespace scepter::crypto {

// dNSName, rfc822Name, uniformResourceIdentifier, iPAddress and the Microsoft UPN otherName;
// other forms (directoryName, registeredID, other otherNames, malformed IP addresses) are skipped
// because nothing downstream can apply policy to them.
std::vector<SubjectAltName> from_general_names(const GENERAL_NAMES* names);

// Invalid errors name `field`: non-ASCII in an IA5String form, an unparsable IP address, a UPN
// that is not UTF-8.
Result<GeneralNamesHandle> to_general_names(const std::vector<SubjectAltName>& names,
                                            std::string field);

}  // namespace scepter::crypto
