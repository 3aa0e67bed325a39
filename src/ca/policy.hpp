#pragma once
// What a certificate profile allows and how a CSR becomes a certificate.

#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "crypto/csr.hpp"
#include "crypto/issue.hpp"
#include "store/records.hpp"

namespace scepter::ca {

struct IssuanceContext {
  const store::Profile& profile;
  int term_days;
  TimePoint now;
  std::string crl_url;
};

// Checks key type and size, subject and SANs against the profile and builds the certificate
// spec (serial and validity included). Errors are `invalid` with a client-safe text.
Result<crypto::CertificateSpec> certificate_spec_for(const crypto::Csr& csr,
                                                     const IssuanceContext& context);

// The attributes of a requested subject that the profile keeps, in request order.
crypto::DistinguishedName allowed_subject(const crypto::DistinguishedName& requested,
                                          const store::Profile& profile);

// The SANs a certificate for `csr` gets under `profile`: those of allowed types, in request
// order. Errors are `invalid` with a client-safe text.
Result<std::vector<crypto::SubjectAltName>> allowed_alt_names(const crypto::Csr& csr,
                                                              const store::Profile& profile);

// Intune's strong-mapping SAN (URL=tag:microsoft.com,2022-09-14:sid:<SID>): copied when the
// profile allows URI SANs, dropped otherwise.
inline constexpr std::string_view kIntuneStrongMappingPrefix = "tag:microsoft.com,2022-09-14:sid:";
bool is_intune_strong_mapping(const crypto::SubjectAltName& name);

// Key usage and extended key usage a profile of the given certificate type gets by default.
unsigned default_key_usage(std::string_view cert_type);
std::vector<std::string> default_extended_key_usage(std::string_view cert_type);

inline constexpr std::string_view kEkuClientAuth = "1.3.6.1.5.5.7.3.2";
inline constexpr std::string_view kEkuServerAuth = "1.3.6.1.5.5.7.3.1";
inline constexpr std::string_view kEkuEmailProtection = "1.3.6.1.5.5.7.3.4";

}  // namespace scepter::ca
