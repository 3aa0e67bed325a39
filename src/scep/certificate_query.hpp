#pragma once
// GetCert and GetCRL (RFC 8894 section 3.3.4): the pkcsPKIEnvelope holds an
// IssuerAndSerialNumber naming a certificate, whose copy or whose issuer's CRL is wanted.

#include <string>

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "scep/authority.hpp"
#include "scep/pki_message.hpp"

namespace scepter::scep {

// bad_request when the content is not an IssuerAndSerialNumber.
Result<CertificateQuery> parse_certificate_query(ByteView content, const PkiMessage& message,
                                                 std::string client_address);

// The client side: IssuerAndSerialNumber from the issuer Name's DER and a big-endian serial.
Result<Bytes> certificate_query_content(ByteView issuer_der, ByteView serial);

}  // namespace scepter::scep
