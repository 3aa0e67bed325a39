#pragma once
// CertPoll, formerly GetCertInitial (RFC 8894 section 3.3.3): the pkcsPKIEnvelope holds
// IssuerAndSubject, naming the CA and the subject of the pending request.

#include <string>

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "scep/authority.hpp"
#include "scep/pki_message.hpp"

namespace scepter::scep {

// bad_request when the content is not an IssuerAndSubject.
Result<PollRequest> parse_poll_request(ByteView content, const PkiMessage& message,
                                       std::string client_address);

// The client side: IssuerAndSubject from the DER of the two Names.
Result<Bytes> cert_poll_content(ByteView issuer_der, ByteView subject_der);

}  // namespace scepter::scep
