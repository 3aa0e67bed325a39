#include "scep/cert_poll.hpp"

#include "crypto/cms_identifiers.hpp"

namespace scepter::scep {

Result<PollRequest> parse_poll_request(ByteView content, const PkiMessage& message,
                                       std::string client_address) {
  SCEPTER_TRY(auto names, crypto::parse_issuer_and_subject(content));
  return PollRequest{
      .transaction_id = message.transaction_id,
      .issuer = std::move(names.issuer),
      .subject = std::move(names.subject),
      .signer = message.signer,
      .client_address = std::move(client_address),
  };
}

Result<Bytes> cert_poll_content(ByteView issuer_der, ByteView subject_der) {
  return crypto::encode_issuer_and_subject(issuer_der, subject_der);
}

}  // namespace scepter::scep
