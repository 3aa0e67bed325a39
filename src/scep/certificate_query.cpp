#include "scep/certificate_query.hpp"

#include "crypto/cms_identifiers.hpp"

namespace scepter::scep {

Result<CertificateQuery> parse_certificate_query(ByteView content, const PkiMessage& message,
                                                 std::string client_address) {
  SCEPTER_TRY(auto named, crypto::parse_issuer_and_serial(content));
  return CertificateQuery{
      .transaction_id = message.transaction_id,
      .issuer_der = std::move(named.issuer_der),
      .serial = std::move(named.serial),
      .signer = message.signer,
      .client_address = std::move(client_address),
  };
}

Result<Bytes> certificate_query_content(ByteView issuer_der, ByteView serial) {
  return crypto::encode_issuer_and_serial(issuer_der, serial);
}

}  // namespace scepter::scep
