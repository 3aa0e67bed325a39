#pragma once
// CertRep (RFC 8894 section 3.3.2): the RA's signed answer to every request whose sender could be
// identified, with pkiStatus SUCCESS, FAILURE or PENDING.

#include <span>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/cms_enveloped.hpp"
#include "crypto/issue.hpp"
#include "scep/authority.hpp"
#include "scep/types.hpp"

namespace scepter::scep {

// What a CertRep answers: taken from the request it replies to.
struct ReplyContext {
  std::string transaction_id;
  Bytes request_nonce;            // the request's senderNonce
  crypto::Certificate requester;  // the request's signer: SUCCESS content is encrypted to it
  crypto::EnvelopeAlgorithms algorithms;                 // the request's envelope algorithms
  crypto::DigestAlg digest = crypto::DigestAlg::sha256;  // signs the reply
};

// The endpoint's RA signs every CertRep.
struct ReplySigner {
  const EndpointContext& endpoint;
  TimePoint now;
};

// SUCCESS: a degenerate SignedData with `certificates` and `crls`, encrypted to the requester.
Result<Bytes> cert_rep_success(const ReplyContext& context, const ReplySigner& signer,
                               std::span<const crypto::Certificate> certificates,
                               std::span<const crypto::Crl> crls = {});
Result<Bytes> cert_rep_pending(const ReplyContext& context, const ReplySigner& signer);
Result<Bytes> cert_rep_failure(const ReplyContext& context, const ReplySigner& signer,
                               FailInfo fail_info, std::string_view text);

// The envelope algorithms of a reply: the request's, except that single DES becomes DES-EDE3-CBC
// (DESIGN.md: single DES is accepted but never sent).
crypto::EnvelopeAlgorithms reply_algorithms(crypto::EnvelopeAlgorithms request);

// The one mapping from an error to the failInfo a FAILURE CertRep carries.
FailInfo fail_info_for(ErrorCategory category);

}  // namespace scepter::scep
