#pragma once
// PKCSReq and RenewalReq (RFC 8894 section 3.3.1): the pkcsPKIEnvelope holds a PKCS#10 request.
// The client side is the request's DER itself (crypto::Csr::der()).

#include <string>

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "scep/authority.hpp"
#include "scep/pki_message.hpp"

namespace scepter::scep {

// bad_request when the content is not a PKCS#10 request or its key does not decode, bad_alg when
// the key's algorithm or curve is not supported (crypto::Csr::from_der), bad_message_check when
// the request's own signature does not verify.
Result<EnrollmentRequest> parse_enrollment_request(ByteView content, const PkiMessage& message,
                                                   std::string client_address);

}  // namespace scepter::scep
