#include "scep/client.hpp"

#include <chrono>

#include "crypto/issue.hpp"
#include "crypto/random.hpp"
#include "scep/media_types.hpp"

namespace scepter::scep::client {
namespace {

Result<crypto::Certificate> recipient_from_bag(ByteView body) {
  SCEPTER_TRY(auto bag, crypto::read_certificate_bag(body));
  if (bag.certificates.empty()) {
    return fail(ErrorCategory::bad_request, "GetCACert reply holds no certificate");
  }
  for (const auto& certificate : bag.certificates) {
    if (!certificate.is_ca()) return certificate;
  }
  return bag.certificates.front();
}

bool looks_like_pem(ByteView body) {
  static constexpr std::string_view marker = "-----BEGIN";
  return body.size() >= marker.size() &&
         std::equal(marker.begin(), marker.end(), body.begin(),
                    [](char c, std::uint8_t b) { return static_cast<std::uint8_t>(c) == b; });
}

}  // namespace

Result<crypto::Certificate> recipient_from_ca_cert(std::string_view content_type, ByteView body) {
  if (content_type == media_type::ca_ra_certificates) return recipient_from_bag(body);
  if (content_type != media_type::ca_certificate) {
    return fail(ErrorCategory::bad_request, "GetCACert reply has an unexpected Content-Type");
  }
  if (looks_like_pem(body)) {
    return crypto::Certificate::from_pem(
        std::string_view(reinterpret_cast<const char*>(body.data()), body.size()));
  }
  return crypto::Certificate::from_der(body);
}

Result<crypto::Certificate> self_signed_certificate(const crypto::PrivateKey& key,
                                                    std::string_view common_name, TimePoint now) {
  auto serial = crypto::random_bytes(8);
  serial[0] = static_cast<std::uint8_t>((serial[0] & 0x7f) | 0x01);  // positive, never zero
  crypto::CertificateSpec spec{
      .subject = {{"CN", std::string(common_name)}},
      .serial = std::move(serial),
      .not_before = now - std::chrono::hours(1),
      .not_after = now + std::chrono::hours(24),
      .public_key = key.public_key(),
      .key_usage = crypto::KeyUsage::digital_signature | crypto::KeyUsage::key_encipherment,
  };
  return crypto::issue_certificate(spec, nullptr, key);
}

Result<Bytes> wrap_envelope(const RequestHeader& header, Bytes envelope,
                            const MessageSigner& signer) {
  OutgoingMessage outgoing{.type = header.type,
                           .transaction_id = header.transaction_id,
                           .sender_nonce = header.sender_nonce,
                           .recipient_nonce = std::nullopt,
                           .status = std::nullopt,
                           .fail_info = std::nullopt,
                           .fail_info_text = {},
                           .envelope = std::move(envelope)};
  return build_pki_message(outgoing, signer);
}

Result<Bytes> build_request(const RequestHeader& header, ByteView content,
                            const crypto::Certificate& recipient,
                            const crypto::EnvelopeAlgorithms& algorithms,
                            const MessageSigner& signer) {
  SCEPTER_TRY(auto envelope, crypto::seal_envelope(content, recipient, algorithms));
  return wrap_envelope(header, std::move(envelope), signer);
}

Result<Reply> read_reply(ByteView der, const crypto::Certificate& certificate,
                         const crypto::PrivateKey& key) {
  SCEPTER_TRY(auto message, parse_pki_message(der));
  Reply reply{std::move(message), std::nullopt, std::nullopt};
  if (reply.message.envelope.empty()) return reply;
  SCEPTER_TRY(auto opened, crypto::open_envelope(reply.message.envelope, certificate, key));
  SCEPTER_TRY(auto bag, crypto::read_certificate_bag(opened.content));
  reply.envelope = std::move(opened);
  reply.bag = std::move(bag);
  return reply;
}

}  // namespace scepter::scep::client
