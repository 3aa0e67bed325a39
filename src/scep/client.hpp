#pragma once
// The client side of SCEP (RFC 8894): reading GetCACert, building PKIOperation requests and
// reading the CertRep. The server never uses it; the engine's tests and the load generator
// (bench/) share it so that there is one client implementation.

#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/cms_degenerate.hpp"
#include "crypto/cms_enveloped.hpp"
#include "crypto/key.hpp"
#include "scep/pki_message.hpp"

namespace scepter::scep::client {

// The certificate a client encrypts to and verifies replies with, from a GetCACert reply.
//= https://www.rfc-editor.org/rfc/rfc8894#section-4.2.1
// application/x-x509-ca-cert is one certificate (DER, or PEM as some servers send);
// application/x-x509-ca-ra-cert is a degenerate SignedData whose first certificate that is not a
// CA is the RA's; with only CA certificates the first one is used.
Result<crypto::Certificate> recipient_from_ca_cert(std::string_view content_type, ByteView body);

// A self-signed certificate for a client's key, as RFC 8894 section 2.3 lets a client sign its
// first request with; valid from an hour before `now` for a day.
Result<crypto::Certificate> self_signed_certificate(const crypto::PrivateKey& key,
                                                    std::string_view common_name, TimePoint now);

struct RequestHeader {
  MessageType type = MessageType::pkcs_req;
  std::string transaction_id;
  Bytes sender_nonce;
};

// A pkiMessage whose pkcsPKIEnvelope carries `envelope` as given (already encrypted).
Result<Bytes> wrap_envelope(const RequestHeader& header, Bytes envelope,
                            const MessageSigner& signer);

// `content` (e.g. a PKCS#10 request's DER) encrypted to `recipient`, wrapped in a pkiMessage
// signed by the client.
Result<Bytes> build_request(const RequestHeader& header, ByteView content,
                            const crypto::Certificate& recipient,
                            const crypto::EnvelopeAlgorithms& algorithms,
                            const MessageSigner& signer);

struct Reply {
  PkiMessage message;
  std::optional<crypto::OpenedEnvelope> envelope;  // present when the reply carries one
  std::optional<crypto::CertificateBag> bag;       // the envelope's certificates and CRLs
};

// Verifies the CertRep's signature and opens its envelope (when present) with the client's
// certificate and key. The caller decides whom it trusts as the reply's signer.
Result<Reply> read_reply(ByteView der, const crypto::Certificate& certificate,
                         const crypto::PrivateKey& key);

}  // namespace scepter::scep::client
