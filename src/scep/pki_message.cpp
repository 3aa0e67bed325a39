#include "scep/pki_message.hpp"

#include <charconv>
#include <vector>

#include "crypto/cms_signed.hpp"

namespace scepter::scep {
namespace {

using crypto::AttributeEncoding;
using crypto::SignedAttribute;
using crypto::SignedMessage;

std::optional<std::string> text_attribute(const SignedMessage& message, std::string_view oid) {
  const SignedAttribute* attribute = message.attribute(oid);
  if (attribute == nullptr || attribute->encoding == AttributeEncoding::octet_string) {
    return std::nullopt;
  }
  return std::string(as_chars(attribute->value));
}

std::optional<Bytes> octet_attribute(const SignedMessage& message, std::string_view oid) {
  const SignedAttribute* attribute = message.attribute(oid);
  if (attribute == nullptr || attribute->encoding != AttributeEncoding::octet_string) {
    return std::nullopt;
  }
  return attribute->value;
}

// SCEP sends its enumerations as decimal PrintableStrings ("19", "0").
std::optional<int> decimal(std::string_view text) {
  int value = 0;
  if (text.empty() || text.size() > 3) return std::nullopt;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool valid_nonce(const std::optional<Bytes>& nonce) {
  return nonce && !nonce->empty() && nonce->size() <= max_nonce_length;
}

Status read_reply_fields(const SignedMessage& signed_message, PkiMessage& message) {
  if (auto status = text_attribute(signed_message, attribute_oid::pki_status)) {
    auto value = decimal(*status);
    if (!value || (*value != 0 && *value != 2 && *value != 3)) {
      return fail(ErrorCategory::bad_request, "malformed pkiStatus attribute");
    }
    message.status = static_cast<PkiStatus>(*value);
  }
  if (auto info = text_attribute(signed_message, attribute_oid::fail_info)) {
    auto value = decimal(*info);
    if (!value || *value < 0 || *value > 4) {
      return fail(ErrorCategory::bad_request, "malformed failInfo attribute");
    }
    message.fail_info = static_cast<FailInfo>(*value);
  }
  message.fail_info_text =
      text_attribute(signed_message, attribute_oid::fail_info_text).value_or(std::string{});
  if (auto nonce = octet_attribute(signed_message, attribute_oid::recipient_nonce)) {
    if (!valid_nonce(nonce)) return fail(ErrorCategory::bad_request, "malformed recipientNonce");
    message.recipient_nonce = std::move(*nonce);
  }
  return {};
}

}  // namespace

Result<PkiMessage> parse_pki_message(ByteView der) {
  SCEPTER_TRY(auto signed_message, crypto::parse_signed_message(der));

  //= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1
  // MUST: every pkiMessage carries transactionID, messageType and senderNonce.
  auto type_text = text_attribute(signed_message, attribute_oid::message_type);
  if (!type_text || type_text->empty()) {
    return fail(ErrorCategory::bad_request, "messageType attribute is missing");
  }
  auto transaction_id = text_attribute(signed_message, attribute_oid::transaction_id);
  if (!transaction_id || transaction_id->empty() ||
      transaction_id->size() > max_transaction_id_length) {
    return fail(ErrorCategory::bad_request, "transactionID attribute is missing or too long");
  }
  auto sender_nonce = octet_attribute(signed_message, attribute_oid::sender_nonce);
  if (!valid_nonce(sender_nonce)) {
    return fail(ErrorCategory::bad_request, "senderNonce attribute is missing or malformed");
  }

  auto number = decimal(*type_text);
  PkiMessage message{
      .type = number ? message_type_from_int(*number) : std::nullopt,
      .transaction_id = std::move(*transaction_id),
      .sender_nonce = std::move(*sender_nonce),
      .recipient_nonce = std::nullopt,
      .status = std::nullopt,
      .fail_info = std::nullopt,
      .fail_info_text = {},
      .signer = std::move(signed_message.signer),
      .digest = signed_message.digest,
      .signing_time = signed_message.signing_time,
      .envelope = std::move(signed_message.content),
  };
  SCEPTER_CHECK(read_reply_fields(signed_message, message));
  return message;
}

Result<Bytes> build_pki_message(const OutgoingMessage& message, const MessageSigner& signer) {
  std::vector<SignedAttribute> attributes;
  attributes.reserve(7);
  auto add = [&](std::string_view oid, AttributeEncoding encoding, Bytes value) {
    attributes.push_back({std::string(oid), encoding, std::move(value)});
  };
  auto add_number = [&](std::string_view oid, int value) {
    add(oid, AttributeEncoding::printable_string, to_bytes(std::to_string(value)));
  };
  add(attribute_oid::transaction_id, AttributeEncoding::printable_string,
      to_bytes(message.transaction_id));
  add_number(attribute_oid::message_type, static_cast<int>(message.type));
  add(attribute_oid::sender_nonce, AttributeEncoding::octet_string, message.sender_nonce);
  if (message.recipient_nonce) {
    add(attribute_oid::recipient_nonce, AttributeEncoding::octet_string, *message.recipient_nonce);
  }
  if (message.status) add_number(attribute_oid::pki_status, static_cast<int>(*message.status));
  if (message.fail_info) {
    add_number(attribute_oid::fail_info, static_cast<int>(*message.fail_info));
    //= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.4
    // failInfoText is a UTF8String giving the reason in human-readable form.
    if (!message.fail_info_text.empty()) {
      add(attribute_oid::fail_info_text, AttributeEncoding::utf8_string,
          to_bytes(message.fail_info_text));
    }
  }
  return crypto::sign_message(message.envelope, signer.certificate, signer.key,
                              {.digest = signer.digest,
                               .attributes = attributes,
                               .signing_time = signer.signing_time,
                               .extra_certificates = {}});
}

}  // namespace scepter::scep
