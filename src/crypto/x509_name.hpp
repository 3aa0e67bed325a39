#pragma once
// DistinguishedName <-> X509_NAME. Internal to crypto/.

#include "crypto/handles.hpp"
#include "crypto/name.hpp"

namespace scepter::crypto {

// Attributes in encoding order, types by OpenSSL short name (dotted OID when OpenSSL has none).
DistinguishedName from_x509_name(const X509_NAME* name);

// One attribute per RDN, in the order given. Values become UTF8String except where the
// attribute's syntax fixes another (countryName and serialNumber are PrintableString,
// emailAddress IA5String). Unknown types and values that do not fit are invalid errors naming
// `field`.
Result<X509NameHandle> to_x509_name(const DistinguishedName& name, std::string field);

}  // namespace scepter::crypto
