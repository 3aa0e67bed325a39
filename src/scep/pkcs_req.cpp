#include "scep/pkcs_req.hpp"

namespace scepter::scep {

Result<EnrollmentRequest> parse_enrollment_request(ByteView content, const PkiMessage& message,
                                                   std::string client_address) {
  auto csr = crypto::Csr::from_der(content);
  if (!csr) return fail(std::move(csr.error()).context("PKCS#10 request"));
  //= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.1
  // The PKCS#10 request is self-signed: its signature proves possession of the key to certify.
  SCEPTER_CHECK(csr->verify_signature());
  return EnrollmentRequest{
      .type = message.type.value_or(MessageType::pkcs_req),
      .transaction_id = message.transaction_id,
      .csr = std::move(*csr),
      .signer = message.signer,
      .client_address = std::move(client_address),
  };
}

}  // namespace scepter::scep
