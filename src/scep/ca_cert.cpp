#include "scep/ca_cert.hpp"

#include <algorithm>
#include <vector>

#include "crypto/cms_degenerate.hpp"
#include "crypto/cms_signed.hpp"
#include "scep/media_types.hpp"

namespace scepter::scep {
namespace {

// The RA certificate first, then the chain; a certificate listed twice (an endpoint whose RA is
// the issuing CA itself) is sent once.
std::vector<crypto::Certificate> ra_then_chain(const EndpointContext& endpoint,
                                               const std::vector<crypto::Certificate>& chain) {
  std::vector<crypto::Certificate> certificates{endpoint.ra_certificate};
  for (const auto& certificate : chain) {
    if (std::find(certificates.begin(), certificates.end(), certificate) == certificates.end()) {
      certificates.push_back(certificate);
    }
  }
  return certificates;
}

}  // namespace

//= https://www.rfc-editor.org/rfc/rfc8894#section-4.2.1.1
// MUST: a single certificate is sent as DER with application/x-x509-ca-cert.
//= https://www.rfc-editor.org/rfc/rfc8894#section-4.2.1.2
// MUST: a CA with RA certificates is sent as a degenerate certificates-only SignedData with
// application/x-x509-ca-ra-cert.
Result<Response> ca_cert_response(const EndpointContext& endpoint) {
  switch (endpoint.ca_cert_format) {
    case CaCertFormat::single_pem:
      // Not in RFC 8894: some enrollment tools expect PEM; the content type stays the same.
      return Response{std::string(media_type::ca_certificate),
                      to_bytes(endpoint.ra_certificate.pem())};
    case CaCertFormat::single_der:
      return Response{std::string(media_type::ca_certificate), endpoint.ra_certificate.der()};
    case CaCertFormat::chain_cms: {
      SCEPTER_TRY(auto body,
                  crypto::degenerate_signed_data(ra_then_chain(endpoint, endpoint.ca_chain)));
      return Response{std::string(media_type::ca_ra_certificates), std::move(body)};
    }
  }
  return fail(ErrorCategory::internal, "unknown GetCACert format");
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-4.7.1
// MUST: the next CA certificates come in a SignedData signed by the current CA or RA key, as
// application/x-x509-next-ca-cert. The content is a degenerate SignedData with the next chain;
// the outer message carries the same certificates for clients that read only its certificate set.
Result<Response> next_ca_cert_response(const EndpointContext& endpoint, TimePoint now) {
  if (endpoint.next_ca_chain.empty()) {
    return fail(ErrorCategory::not_found, "no next CA certificate is available");
  }
  SCEPTER_TRY(auto chain, crypto::degenerate_signed_data(endpoint.next_ca_chain));
  SCEPTER_TRY(auto body, crypto::sign_message(chain, endpoint.ra_certificate, endpoint.ra_key,
                                              {.digest = crypto::DigestAlg::sha256,
                                               .attributes = {},
                                               .signing_time = now,
                                               .extra_certificates = endpoint.next_ca_chain}));
  return Response{std::string(media_type::next_ca_certificate), std::move(body)};
}

}  // namespace scepter::scep
