#include "scep/cert_rep.hpp"

#include "crypto/cms_degenerate.hpp"
#include "crypto/random.hpp"
#include "scep/pki_message.hpp"

namespace scepter::scep {
namespace {

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.5
// MUST: the reply carries a fresh senderNonce and echoes the request's senderNonce as its
// recipientNonce.
//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.1
// MUST: the reply carries the transactionID of the request.
constexpr std::size_t nonce_length = 16;

Result<Bytes> cert_rep(const ReplyContext& context, const ReplySigner& signer, PkiStatus status,
                       std::optional<FailInfo> fail_info, std::string_view text, Bytes envelope) {
  OutgoingMessage message{
      .type = MessageType::cert_rep,
      .transaction_id = context.transaction_id,
      .sender_nonce = crypto::random_bytes(nonce_length),
      .recipient_nonce = context.request_nonce,
      .status = status,
      .fail_info = fail_info,
      .fail_info_text = std::string(text),
      .envelope = std::move(envelope),
  };
  return build_pki_message(message, {.certificate = signer.endpoint.ra_certificate,
                                     .key = signer.endpoint.ra_key,
                                     .digest = context.digest,
                                     .signing_time = signer.now});
}

}  // namespace

crypto::EnvelopeAlgorithms reply_algorithms(crypto::EnvelopeAlgorithms request) {
  if (request.cipher == crypto::ContentCipher::des_cbc) {
    request.cipher = crypto::ContentCipher::des_ede3_cbc;
  }
  return request;
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2.1
// SUCCESS: the pkcsPKIEnvelope holds a degenerate certificates-only SignedData with the issued
// certificate (or the CRL for GetCRL), encrypted to the requester's signing certificate.
Result<Bytes> cert_rep_success(const ReplyContext& context, const ReplySigner& signer,
                               std::span<const crypto::Certificate> certificates,
                               std::span<const crypto::Crl> crls) {
  SCEPTER_TRY(auto bundle, crypto::degenerate_signed_data(certificates, crls));
  SCEPTER_TRY(auto envelope, crypto::seal_envelope(bundle, context.requester,
                                                   reply_algorithms(context.algorithms)));
  return cert_rep(context, signer, PkiStatus::success, std::nullopt, {}, std::move(envelope));
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2.3
// PENDING: no pkcsPKIEnvelope; the client polls with CertPoll.
Result<Bytes> cert_rep_pending(const ReplyContext& context, const ReplySigner& signer) {
  return cert_rep(context, signer, PkiStatus::pending, std::nullopt, {}, {});
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2.2
// FAILURE: no pkcsPKIEnvelope; the failInfo attribute MUST be present.
Result<Bytes> cert_rep_failure(const ReplyContext& context, const ReplySigner& signer,
                               FailInfo fail_info, std::string_view text) {
  return cert_rep(context, signer, PkiStatus::failure, fail_info, text, {});
}

FailInfo fail_info_for(ErrorCategory category) {
  switch (category) {
    case ErrorCategory::bad_alg:
      return FailInfo::bad_alg;
    case ErrorCategory::bad_message_check:
      return FailInfo::bad_message_check;
    case ErrorCategory::bad_time:
      return FailInfo::bad_time;
    case ErrorCategory::bad_cert_id:
    case ErrorCategory::not_found:
      return FailInfo::bad_cert_id;
    case ErrorCategory::bad_request:
    case ErrorCategory::invalid:
    case ErrorCategory::unauthorized:
    case ErrorCategory::forbidden:
    case ErrorCategory::conflict:
    case ErrorCategory::too_large:
    case ErrorCategory::throttled:
    case ErrorCategory::unavailable:
    case ErrorCategory::store:
    case ErrorCategory::crypto:
    case ErrorCategory::internal:
      return FailInfo::bad_request;
  }
  return FailInfo::bad_request;
}

}  // namespace scepter::scep
