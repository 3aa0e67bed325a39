#pragma once
// The Content-Type of each SCEP reply (RFC 8894 sections 3.5.2, 4.2.1.1, 4.3.1 and 4.7.1).

#include <string_view>

namespace scepter::scep::media_type {

inline constexpr std::string_view capabilities = "text/plain";
inline constexpr std::string_view ca_certificate = "application/x-x509-ca-cert";
inline constexpr std::string_view ca_ra_certificates = "application/x-x509-ca-ra-cert";
inline constexpr std::string_view next_ca_certificate = "application/x-x509-next-ca-cert";
inline constexpr std::string_view pki_message = "application/x-pki-message";

}  // namespace scepter::scep::media_type
