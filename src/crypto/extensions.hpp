#pragma once
// The X.509 v3 extensions that issue_certificate() and issue_crl() write. Internal to crypto/.

#include <optional>
#include <string>
#include <vector>

#include "crypto/certificate.hpp"
#include "crypto/handles.hpp"

namespace scepter::crypto {

// RFC 5280 4.2.1.9: critical; cA and pathLenConstraint for CAs, an empty sequence (cA FALSE)
// for end entities.
Status add_basic_constraints(X509* cert, bool is_ca, std::optional<int> path_length);
// RFC 5280 4.2.1.3: critical, from KeyUsage bits; nothing when `bits` is 0.
Status add_key_usage(X509* cert, unsigned bits);
// RFC 5280 4.2.1.12, from dotted OIDs; nothing when empty.
Status add_extended_key_usage(X509* cert, const std::vector<std::string>& oids);
// RFC 5280 4.2.1.6: critical when the subject is empty, as the RFC requires; nothing when empty.
Status add_subject_alt_names(X509* cert, const std::vector<SubjectAltName>& names,
                             bool subject_is_empty);
// RFC 5280 4.2.1.13: one DistributionPoint with a fullName URI per URL; nothing when empty.
Status add_crl_distribution_points(X509* cert, const std::vector<std::string>& urls);
Status add_subject_key_identifier(X509* cert, ByteView key_id);

// The keyIdentifier an authorityKeyIdentifier names for `issuer`: its own subjectKeyIdentifier
// when it has one, otherwise the RFC 5280 4.2.1.2 method 1 hash of its key.
Bytes issuer_key_identifier(const Certificate& issuer);
Result<AuthorityKeyIdHandle> make_authority_key_identifier(ByteView key_id);

}  // namespace scepter::crypto
