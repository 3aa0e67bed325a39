#pragma once
// The pkiMessage of every PKIOperation (RFC 8894 section 3.2): a SignedData whose signed
// attributes carry the SCEP transaction fields and whose content is the pkcsPKIEnvelope.

#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/issue.hpp"
#include "crypto/key.hpp"
#include "scep/types.hpp"

namespace scepter::scep {

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1
namespace attribute_oid {
inline constexpr std::string_view message_type = "2.16.840.1.113733.1.9.2";
inline constexpr std::string_view pki_status = "2.16.840.1.113733.1.9.3";
inline constexpr std::string_view fail_info = "2.16.840.1.113733.1.9.4";
inline constexpr std::string_view sender_nonce = "2.16.840.1.113733.1.9.5";
inline constexpr std::string_view recipient_nonce = "2.16.840.1.113733.1.9.6";
inline constexpr std::string_view transaction_id = "2.16.840.1.113733.1.9.7";
inline constexpr std::string_view fail_info_text = "1.3.6.1.5.5.7.24.1";
}  // namespace attribute_oid

// Bounds on what a client may send: generous for every client seen, small enough to log and store.
inline constexpr std::size_t max_transaction_id_length = 256;
inline constexpr std::size_t max_nonce_length = 64;

struct PkiMessage {
  std::optional<MessageType> type;  // nullopt when messageType names no type scepter knows
  std::string transaction_id;
  Bytes sender_nonce;
  std::optional<Bytes> recipient_nonce;
  std::optional<PkiStatus> status;
  std::optional<FailInfo> fail_info;
  std::string fail_info_text;

  crypto::Certificate signer;
  crypto::DigestAlg digest = crypto::DigestAlg::sha256;
  std::optional<TimePoint> signing_time;
  Bytes envelope;  // the pkcsPKIEnvelope; empty when absent
};

// Parses and verifies the SignedData (crypto::parse_signed_message's errors), then requires
// messageType, transactionID and senderNonce: bad_request when one is missing or malformed.
Result<PkiMessage> parse_pki_message(ByteView der);

struct OutgoingMessage {
  MessageType type = MessageType::cert_rep;
  std::string transaction_id;
  Bytes sender_nonce;
  std::optional<Bytes> recipient_nonce;
  std::optional<PkiStatus> status;
  std::optional<FailInfo> fail_info;
  std::string fail_info_text;  // sent with fail_info when not empty
  Bytes envelope;              // omitted when empty
};

struct MessageSigner {
  const crypto::Certificate& certificate;
  const crypto::PrivateKey& key;
  crypto::DigestAlg digest = crypto::DigestAlg::sha256;
  TimePoint signing_time;
};

Result<Bytes> build_pki_message(const OutgoingMessage& message, const MessageSigner& signer);

}  // namespace scepter::scep
