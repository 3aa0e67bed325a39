#include "scep/engine.hpp"

#include <variant>
#include <vector>

#include "crypto/cms_enveloped.hpp"
#include "scep/ca_cert.hpp"
#include "scep/capabilities.hpp"
#include "scep/cert_poll.hpp"
#include "scep/cert_rep.hpp"
#include "scep/certificate_query.hpp"
#include "scep/media_types.hpp"
#include "scep/pkcs_req.hpp"
#include "scep/pki_message.hpp"

namespace scepter::scep {
namespace {

// What the CertRep will say.
struct Granted {
  std::vector<crypto::Certificate> certificates;
  std::vector<crypto::Crl> crls;
};
using Answer = std::variant<Granted, Pending, Rejected>;

Rejected rejection(const Error& error) {
  return Rejected{fail_info_for(error.category), error.client_text};
}

// The issued certificate, then the chain up to the root when the endpoint sends the full chain.
std::vector<crypto::Certificate> issued_with_chain(const EndpointContext& endpoint,
                                                   const crypto::Certificate& issued) {
  std::vector<crypto::Certificate> certificates{issued};
  if (endpoint.cert_format == CertFormat::full_chain) {
    certificates.insert(certificates.end(), endpoint.ca_chain.begin(), endpoint.ca_chain.end());
  }
  return certificates;
}

std::unexpected<Error> retry_later(const Unavailable& unavailable) {
  return fail(ErrorCategory::unavailable, "service unavailable; retry later", unavailable.detail);
}

Result<Answer> answer_of(const EndpointContext& endpoint, Decision decision) {
  if (auto* issued = std::get_if<Issued>(&decision)) {
    return Granted{issued_with_chain(endpoint, issued->certificate), {}};
  }
  if (std::holds_alternative<Pending>(decision)) return Pending{};
  if (auto* unavailable = std::get_if<Unavailable>(&decision)) return retry_later(*unavailable);
  return std::get<Rejected>(std::move(decision));
}

Result<Answer> answer_of(CrlDecision decision) {
  if (auto* issued = std::get_if<CrlIssued>(&decision)) return Granted{{}, {issued->crl}};
  if (auto* unavailable = std::get_if<Unavailable>(&decision)) return retry_later(*unavailable);
  return std::get<Rejected>(std::move(decision));
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.4
// badTime: the signingTime attribute was not sufficiently close to the system time.
Status check_signing_time(const PkiMessage& message, TimePoint now, std::chrono::seconds skew) {
  if (!message.signing_time) return {};
  auto offset = *message.signing_time - now;
  if (offset > skew || -offset > skew) {
    return fail(ErrorCategory::bad_time, "signingTime is too far from the server's time");
  }
  return {};
}

bool is_des(crypto::ContentCipher cipher) {
  return cipher == crypto::ContentCipher::des_cbc || cipher == crypto::ContentCipher::des_ede3_cbc;
}

struct Inquiry {
  Authority& authority;
  const EndpointContext& endpoint;
  const PkiMessage& message;
  const std::string& client_address;
};

Result<Answer> ask_authority(const Inquiry& inquiry, ByteView content) {
  const auto& [authority, endpoint, message, client] = inquiry;
  switch (*message.type) {
    case MessageType::pkcs_req:
    case MessageType::renewal_req: {
      SCEPTER_TRY(auto request, parse_enrollment_request(content, message, client));
      return answer_of(endpoint, authority.enroll(endpoint, request));
    }
    case MessageType::cert_poll: {
      SCEPTER_TRY(auto request, parse_poll_request(content, message, client));
      return answer_of(endpoint, authority.poll(endpoint, request));
    }
    case MessageType::get_cert: {
      SCEPTER_TRY(auto query, parse_certificate_query(content, message, client));
      return answer_of(endpoint, authority.get_cert(endpoint, query));
    }
    case MessageType::get_crl: {
      SCEPTER_TRY(auto query, parse_certificate_query(content, message, client));
      return answer_of(authority.get_crl(endpoint, query));
    }
    case MessageType::cert_rep:
      break;
  }
  return fail(ErrorCategory::bad_request, "unsupported messageType");
}

// Every check after the sender is known; an error here becomes a FAILURE CertRep.
Result<Answer> decide(const Inquiry& inquiry, TimePoint now, std::chrono::seconds skew,
                      ReplyContext& reply) {
  const auto& [authority, endpoint, message, client] = inquiry;
  //= https://www.rfc-editor.org/rfc/rfc8894#section-3.3
  // A server answers the request types it knows; a CertRep is never a request.
  if (!message.type || *message.type == MessageType::cert_rep) {
    return fail(ErrorCategory::bad_request, "unsupported messageType");
  }
  if (message.digest == crypto::DigestAlg::sha1 && !endpoint.allow_sha1) {
    return fail(ErrorCategory::bad_alg, "SHA-1 signatures are not accepted by this endpoint");
  }
  SCEPTER_CHECK(check_signing_time(message, now, skew));
  SCEPTER_TRY(auto opened,
              crypto::open_envelope(message.envelope, endpoint.ra_certificate, endpoint.ra_key));
  reply.algorithms = opened.algorithms;
  if (is_des(opened.algorithms.cipher) && !endpoint.allow_des3) {
    return fail(ErrorCategory::bad_alg, "DES encryption is not accepted by this endpoint");
  }
  return ask_authority(inquiry, opened.content);
}

}  // namespace

Engine::Engine(Authority& authority, const Clock& clock, EngineOptions options)
    : authority_(authority), clock_(clock), options_(options) {}

Result<Response> Engine::handle(const Request& request, Outcome& outcome) {
  auto response = dispatch(request, outcome);
  if (!response) outcome.reason = response.error().client_text;
  return response;
}

bool Engine::may_wait_on_remote(std::string_view endpoint, Operation operation) {
  if (operation != Operation::pki_operation) return false;
  auto context = authority_.endpoint(endpoint);
  return context && (*context)->enrollment_waits_on_remote;
}

Result<Response> Engine::dispatch(const Request& request, Outcome& outcome) {
  SCEPTER_TRY(auto endpoint, authority_.endpoint(request.endpoint));
  switch (request.operation) {
    case Operation::get_ca_caps:
      if (endpoint->read_replies) return endpoint->read_replies->capabilities;
      return capabilities_response(*endpoint);
    case Operation::get_ca_cert:
      // The message parameter names a CA for servers hosting several; each endpoint has one, so
      // any value (certmonger probes message=1, 2, ...) gets the same answer.
      if (endpoint->read_replies) return endpoint->read_replies->ca_certificate;
      return ca_cert_response(*endpoint);
    case Operation::get_next_ca_cert:
      return next_ca_cert_response(*endpoint, clock_.now());
    case Operation::pki_operation:
      return pki_operation(*endpoint, request, outcome);
  }
  return fail(ErrorCategory::bad_request, "unknown operation");
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.2
// Once the sender is known (transactionID, senderNonce and a verified signer), every outcome is a
// CertRep signed by the RA; only messages that cannot be read or verified get an error.
Result<Response> Engine::pki_operation(const EndpointContext& endpoint, const Request& request,
                                       Outcome& outcome) {
  SCEPTER_TRY(auto message, parse_pki_message(request.pki_message));
  outcome.transaction_id = message.transaction_id;
  // Outcomes become metric labels and log fields: never the client's own text.
  outcome.message_type = message.type ? std::string(to_string(*message.type)) : "unknown";

  bool digest_allowed = message.digest != crypto::DigestAlg::sha1 || endpoint.allow_sha1;
  ReplyContext reply{
      .transaction_id = message.transaction_id,
      .request_nonce = message.sender_nonce,
      .requester = message.signer,
      .algorithms = {},
      .digest = digest_allowed ? message.digest : crypto::DigestAlg::sha256,
  };
  ReplySigner signer{endpoint, clock_.now()};
  Inquiry inquiry{authority_, endpoint, message, request.client_address};
  auto decided = decide(inquiry, signer.now, options_.signing_time_skew, reply);
  // An outage decides nothing: no CertRep, so that the client retries instead of giving up.
  if (!decided && decided.error().category == ErrorCategory::unavailable) {
    return fail(std::move(decided).error());
  }
  Answer answer = decided ? std::move(*decided) : Answer{rejection(decided.error())};

  if (auto* granted = std::get_if<Granted>(&answer)) {
    auto body = cert_rep_success(reply, signer, granted->certificates, granted->crls);
    if (body) {
      outcome.status = to_string(PkiStatus::success);
      return Response{std::string(media_type::pki_message), std::move(*body)};
    }
    // The signer's certificate cannot be encrypted to (not an RSA key): say so, signed.
    answer = rejection(body.error());
  }
  if (std::holds_alternative<Pending>(answer)) {
    SCEPTER_TRY(auto body, cert_rep_pending(reply, signer));
    outcome.status = to_string(PkiStatus::pending);
    return Response{std::string(media_type::pki_message), std::move(body)};
  }
  const auto& rejected = std::get<Rejected>(answer);
  SCEPTER_TRY(auto body, cert_rep_failure(reply, signer, rejected.fail_info, rejected.text));
  outcome.status = to_string(PkiStatus::failure);
  outcome.fail_info = to_string(rejected.fail_info);
  outcome.reason = rejected.text;
  return Response{std::string(media_type::pki_message), std::move(body)};
}

}  // namespace scepter::scep
