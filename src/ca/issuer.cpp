#include "ca/issuer.hpp"

#include <algorithm>

#include "ca/policy.hpp"

namespace scepter::ca {

std::string describe_alt_names(const std::vector<crypto::SubjectAltName>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out.push_back(',');
    out += crypto::to_string(name.type) + ":" + name.value;
  }
  return out;
}

Result<crypto::Certificate> Issuer::issue(const IssueRequest& request) {
  auto now = pki_.clock().now();
  IssuanceContext context{request.profile, request.term_days, now,
                          pki_.crl_url(request.ca.record.id)};
  SCEPTER_TRY(auto spec, certificate_spec_for(request.csr, context));
  // Nothing outlives the CA that signs it (RFC 5280 path validation would reject it).
  spec.not_after = std::min(spec.not_after, request.ca.certificate.not_after());
  SCEPTER_TRY(auto certificate,
              crypto::issue_certificate(spec, &request.ca.certificate, request.ca.key));

  auto key_digest = spec.public_key.sha256();
  store::Transaction transaction{
      .endpoint_id = request.endpoint.id,
      .transaction_id = request.transaction_id,
      .public_key_sha256 = key_digest,
      .status = "issued",
      .message_type = request.message_type,
      .account_id = request.account_id,
      .subject = certificate.subject_text(),
      .certificate_serial = certificate.serial_hex(),
      .client_address = request.client_address,
      .created_at = to_unix(now),
      .updated_at = to_unix(now),
  };
  store::CertificateRecord record{
      .serial = certificate.serial_hex(),
      .endpoint_id = request.endpoint.id,
      .account_id = request.account_id,
      .ca_id = request.ca.record.id,
      .subject = certificate.subject_text(),
      .alt_names = describe_alt_names(certificate.subject_alt_names()),
      .not_before = to_unix(certificate.not_before()),
      .not_after = to_unix(certificate.not_after()),
      .der = certificate.der(),
      .public_key_sha256 = std::move(key_digest),
      .transaction_id = request.transaction_id,
      .issued_at = to_unix(now),
  };
  SCEPTER_CHECK(store_.record_issuance(transaction, record));
  return certificate;
}

}  // namespace scepter::ca
