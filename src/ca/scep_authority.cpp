#include "ca/scep_authority.hpp"

#include <algorithm>

#include "ca/policy.hpp"
#include "core/log.hpp"

namespace scepter::ca {

struct ScepAuthority::LoadedEndpoint : scep::EndpointContext {
  store::Endpoint record;
  SigningCa issuing;
};

namespace {

using scep::FailInfo;

constexpr std::string_view kUnavailable = "the CA cannot issue right now; try again later";

// RFC 5280 CRLReason cessationOfOperation: issued, but Intune never took note of it.
constexpr int kReasonCessationOfOperation = 5;

// The database is down: no verdict on the request, the client retries it (HTTP 503).
bool is_outage(const Error& error) {
  return error.category == ErrorCategory::unavailable;
}

std::string throttle_key(const store::Endpoint& endpoint, const std::string& client) {
  return "scep-code:" + std::to_string(endpoint.id) + ":" + client;
}

bool is_current(const store::CertificateRecord& record, long long now) {
  return record.status == "valid" && now >= record.not_before && now < record.not_after;
}

// Why an issued certificate cannot speak for a client of `endpoint`, or nothing when it can:
// only a valid certificate this CA issued to the same endpoint does (DESIGN.md, renewal).
std::optional<std::string_view> renewal_obstacle(const store::CertificateRecord& record,
                                                 const store::Endpoint& endpoint, long long now) {
  if (record.endpoint_id != endpoint.id) {
    return "renewal certificate was not issued by this endpoint";
  }
  if (!is_current(record, now)) return "renewal certificate is revoked or expired";
  return std::nullopt;
}

bool holds_all(const std::vector<crypto::SubjectAltName>& held,
               const std::vector<crypto::SubjectAltName>& wanted) {
  return std::ranges::all_of(
      wanted, [&](const auto& name) { return std::ranges::find(held, name) != held.end(); });
}

}  // namespace

ScepAuthority::ScepAuthority(store::Store& store, Pki& pki, const KeyVault& vault,
                             const AccessCodes& codes, ThrottleOptions throttle,
                             IntuneGateway* intune)
    : store_(store),
      pki_(pki),
      vault_(vault),
      codes_(codes),
      issuer_(store, pki),
      throttle_(throttle),
      intune_(intune) {}

const ScepAuthority::LoadedEndpoint& ScepAuthority::loaded(const scep::EndpointContext& endpoint) {
  // Every context the engine holds came from endpoint() below, which only makes LoadedEndpoints.
  return static_cast<const LoadedEndpoint&>(endpoint);
}

Result<std::shared_ptr<const ScepAuthority::LoadedEndpoint>> ScepAuthority::load(
    const store::Endpoint& endpoint) {
  SCEPTER_TRY(auto ra, store_.get_ra_certificate(endpoint.ra_certificate_id));
  SCEPTER_TRY(auto ra_certificate, crypto::Certificate::from_pem(ra.certificate_pem));
  SCEPTER_TRY(auto ra_key, vault_.load(ra.key_ref));
  // Checked here, once per load: CertReps signed with another key would fail on every client.
  if (!(ra_key.public_key() == ra_certificate.public_key())) {
    return fail(ErrorCategory::store, "the endpoint's RA key does not belong to its certificate",
                endpoint.uri_extension);
  }
  SCEPTER_TRY(auto issuing, pki_.issuing_ca());
  SCEPTER_TRY(auto next, pki_.next_ca());
  auto ca_format = scep::parse_ca_cert_format(endpoint.getcacert_format);
  auto cert_format = scep::parse_cert_format(endpoint.getcert_format);
  if (!ca_format || !cert_format) {
    return fail(ErrorCategory::store, "endpoint has an unknown response format",
                endpoint.uri_extension);
  }
  scep::EndpointContext context{
      .uri_extension = endpoint.uri_extension,
      .ra_certificate = std::move(ra_certificate),
      .ra_key = std::move(ra_key),
      .ca_chain = issuing.chain,
      .next_ca_chain = next ? next->chain : std::vector<crypto::Certificate>{},
      .ca_cert_format = *ca_format,
      .cert_format = *cert_format,
      .allow_des3 = endpoint.allow_des3,
      .enrollment_waits_on_remote = endpoint.type == "intune",
  };
  SCEPTER_TRY(auto read_replies, scep::read_replies(context));
  context.read_replies = std::make_shared<const scep::ReadReplies>(std::move(read_replies));
  return std::make_shared<const LoadedEndpoint>(
      LoadedEndpoint{std::move(context), endpoint, std::move(issuing)});
}

Result<std::shared_ptr<const scep::EndpointContext>> ScepAuthority::endpoint(
    std::string_view uri_extension) {
  // Read from the database at most every 100 ms: the CLI's changes from another process show
  // that quickly, and this process's own at once.
  SCEPTER_TRY(auto generation, store_.recent_config_generation(std::chrono::milliseconds(100)));
  {
    std::shared_lock lock(cache_mutex_);
    if (generation == cache_generation_) {
      if (auto it = cache_.find(uri_extension); it != cache_.end()) return it->second;
    }
  }
  auto record = store_.find_endpoint(std::string(uri_extension));
  if (!record) return fail(std::move(record).error());
  if (!record->enabled) return fail(ErrorCategory::not_found, "endpoint disabled");
  SCEPTER_TRY(auto context, load(*record));
  std::unique_lock lock(cache_mutex_);
  if (generation != cache_generation_) {
    cache_.clear();
    cache_generation_ = generation;
  }
  cache_.insert_or_assign(std::string(uri_extension), context);
  return context;
}

scep::Rejected ScepAuthority::reject(const LoadedEndpoint& endpoint,
                                     const std::string& transaction_id, const std::string& client,
                                     FailInfo info, std::string text, const std::string& detail) {
  auto recorded = store_.record_rejection({.endpoint_id = endpoint.record.id,
                                           .transaction_id = transaction_id,
                                           .reason = detail.empty() ? text : text + ": " + detail,
                                           .client_address = client,
                                           .at = to_unix(pki_.clock().now())});
  if (!recorded) {
    log::warn("rejection not recorded",
              {{"endpoint", endpoint.uri_extension}, {"error", recorded.error().log_text}});
  }
  return scep::Rejected{info, std::move(text)};
}

scep::Decision ScepAuthority::replay(const store::Transaction& transaction,
                                     const Bytes& key_digest) {
  //= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.1
  // A repeated transactionID must be the same request: a different key would be a second
  // enrollment hiding behind the first one's answer.
  if (!constant_time_equal(transaction.public_key_sha256, key_digest)) {
    return scep::Rejected{FailInfo::bad_request, "transactionID already used with another key"};
  }
  if (transaction.status == "pending") return scep::Pending{};
  if (transaction.status == "rejected") {
    return scep::Rejected{FailInfo::bad_request,
                          transaction.reason.empty() ? "request rejected" : transaction.reason};
  }
  auto record = store_.get_certificate(transaction.certificate_serial.value_or(""));
  if (!record && is_outage(record.error())) return scep::Unavailable{record.error().log_text};
  if (!record) return scep::Rejected{FailInfo::bad_request, std::string(kUnavailable)};
  // A revoked or expired certificate is no answer, least of all one revoked before the client
  // saw it (Intune never took note of the issuance): the client needs a new request.
  if (!is_current(*record, to_unix(pki_.clock().now()))) {
    return scep::Rejected{FailInfo::bad_request,
                          "the certificate of this request was revoked or has expired; send a "
                          "new request with a new transactionID"};
  }
  auto certificate = crypto::Certificate::from_der(record->der);
  if (!certificate) return scep::Rejected{FailInfo::bad_request, std::string(kUnavailable)};
  return scep::Issued{*certificate};
}

Result<std::optional<store::CertificateRecord>> ScepAuthority::issued_record(
    const crypto::Certificate& certificate) {
  if (certificate.is_self_issued()) return std::nullopt;
  auto record = store_.get_certificate(certificate.serial_hex());
  if (!record && is_outage(record.error())) return fail(std::move(record).error());
  // Same serial is not enough: the DER must be what this CA signed.
  if (!record || record->der != certificate.der()) return std::nullopt;
  return std::move(*record);
}

Result<bool> ScepAuthority::polled_by_renewed_certificate(const LoadedEndpoint& endpoint,
                                                          const store::Transaction& transaction,
                                                          const crypto::Certificate& signer) {
  if (transaction.message_type != scep::to_string(scep::MessageType::renewal_req)) return false;
  SCEPTER_TRY(auto previous, issued_record(signer));
  return previous && !renewal_obstacle(*previous, endpoint.record, to_unix(pki_.clock().now())) &&
         previous->account_id == transaction.account_id &&
         signer.subject_text() == transaction.subject;
}

ScepAuthority::Authorization ScepAuthority::authorize_renewal(
    const LoadedEndpoint& endpoint, const scep::EnrollmentRequest& request,
    const store::CertificateRecord& previous) {
  const auto& client = request.client_address;
  const auto& tid = request.transaction_id;
  auto now = to_unix(pki_.clock().now());
  if (auto obstacle = renewal_obstacle(previous, endpoint.record, now)) {
    return reject(endpoint, tid, client, FailInfo::bad_request, std::string(*obstacle));
  }
  if (!previous.account_id) {
    return reject(endpoint, tid, client, FailInfo::bad_request,
                  "certificate cannot be renewed here");
  }
  auto account = store_.get_account(*previous.account_id);
  if (!account && is_outage(account.error())) return scep::Unavailable{account.error().log_text};
  if (!account) {
    return reject(endpoint, tid, client, FailInfo::bad_request,
                  "the account of the renewed certificate no longer exists");
  }
  auto profile = store_.get_profile(account->profile_id);
  if (!profile && is_outage(profile.error())) return scep::Unavailable{profile.error().log_text};
  if (!profile) {
    return reject(endpoint, tid, client, FailInfo::bad_request, std::string(kUnavailable),
                  profile.error().log_text);
  }
  // Renewal proves possession of the old certificate, not a right to another identity.
  if (allowed_subject(request.csr.subject(), *profile) !=
      allowed_subject(request.signer.subject(), *profile)) {
    return reject(endpoint, tid, client, FailInfo::bad_request,
                  "renewal must keep the subject of the certificate being renewed");
  }
  // Nor to names it was not issued for: the renewed certificate may drop SANs, never add any.
  auto alt_names = allowed_alt_names(request.csr, *profile);
  if (!alt_names) {
    return reject(endpoint, tid, client, FailInfo::bad_request, alt_names.error().client_text);
  }
  if (!holds_all(request.signer.subject_alt_names(), *alt_names)) {
    return reject(endpoint, tid, client, FailInfo::bad_request,
                  "renewal may not add subject alternative names to those of the certificate "
                  "being renewed");
  }
  return Grant{std::move(*profile), account->term_days, account->id};
}

ScepAuthority::Authorization ScepAuthority::authorize_challenge(
    const LoadedEndpoint& endpoint, const scep::EnrollmentRequest& request) {
  const auto& client = request.client_address;
  const auto& tid = request.transaction_id;
  auto now = to_unix(pki_.clock().now());
  auto key = throttle_key(endpoint.record, client);
  auto failures = store_.count_failures(key, now, throttle_.window_seconds);
  if (failures && *failures >= throttle_.max_failures) {
    // Not recorded as a rejection: the failures that led here already were, and a client
    // hammering away must not fill the table.
    return scep::Rejected{FailInfo::bad_request,
                          "too many failed attempts from this address; try again later"};
  }
  auto password = request.csr.challenge_password();
  if (!password || password->empty()) {
    return reject(endpoint, tid, client, FailInfo::bad_request, "challenge password missing");
  }
  auto digest = codes_.digest(*password);
  auto account = store_.find_account_by_code(endpoint.record.id, digest);
  if (!account && is_outage(account.error())) return scep::Unavailable{account.error().log_text};
  if (!account) {
    return reject(endpoint, tid, client, FailInfo::bad_request, std::string(kUnavailable),
                  account.error().log_text);
  }
  if (!*account || !constant_time_equal((*account)->access_code_digest, digest)) {
    auto counted = store_.add_failure(key, now, throttle_.window_seconds);
    if (!counted) log::warn("throttle counter not updated", {{"error", counted.error().log_text}});
    return reject(endpoint, tid, client, FailInfo::bad_request, "wrong challenge password");
  }
  auto profile = store_.get_profile((*account)->profile_id);
  if (!profile && is_outage(profile.error())) return scep::Unavailable{profile.error().log_text};
  if (!profile) {
    return reject(endpoint, tid, client, FailInfo::bad_request, std::string(kUnavailable),
                  profile.error().log_text);
  }
  return Grant{std::move(*profile), (*account)->term_days, (*account)->id};
}

void ScepAuthority::report_to_intune(const LoadedEndpoint& endpoint,
                                     const scep::EnrollmentRequest& request, std::uint32_t hresult,
                                     const std::string& text) {
  auto notified = intune_->notify_failure(endpoint.record, request.transaction_id,
                                          request.csr.der(), hresult, text);
  if (!notified) {
    log::warn("Intune failure notification not delivered",
              {{"endpoint", endpoint.uri_extension}, {"error", notified.error().log_text}});
  }
}

scep::Rejected ScepAuthority::reject_validated(const LoadedEndpoint& endpoint,
                                               const scep::EnrollmentRequest& request,
                                               std::uint32_t hresult, std::string text,
                                               const std::string& detail) {
  report_to_intune(endpoint, request, hresult, text);
  return reject(endpoint, request.transaction_id, request.client_address, FailInfo::bad_request,
                std::move(text), detail);
}

// Order of the Intune contract: validateRequest before anything is issued; the endpoint, not
// the device, decides organization, department, profile and term.
ScepAuthority::Authorization ScepAuthority::authorize_intune(
    const LoadedEndpoint& endpoint, const scep::EnrollmentRequest& request) {
  const auto& tid = request.transaction_id;
  const auto& client = request.client_address;
  if (!intune_) {
    return reject(endpoint, tid, client, FailInfo::bad_request,
                  "Intune challenge validation is not available on this server");
  }
  auto validated = intune_->validate(endpoint.record, tid, request.csr.der());
  if (!validated) {
    const auto& error = validated.error();
    auto text = error.category == ErrorCategory::unauthorized
                    ? error.client_text
                    : "Intune could not validate the request: " + error.client_text;
    return reject(endpoint, tid, client, FailInfo::bad_request, std::move(text), error.log_text);
  }
  if (!endpoint.record.profile_id || !endpoint.record.term_days) {
    return reject_validated(endpoint, request, kHresultFail, std::string(kUnavailable),
                            "Intune endpoint without profile or term");
  }
  auto profile = store_.get_profile(*endpoint.record.profile_id);
  if (!profile) {
    return reject_validated(endpoint, request, kHresultFail, std::string(kUnavailable),
                            profile.error().log_text);
  }
  if (profile->requires_approval) {
    return reject_validated(
        endpoint, request, kHresultInvalidArg,
        "the endpoint's profile requires approval, which Intune cannot wait for");
  }
  return Grant{.profile = std::move(*profile),
               .term_days = *endpoint.record.term_days,
               .intune_validated = true};
}

scep::Decision ScepAuthority::confirm_with_intune(const LoadedEndpoint& endpoint,
                                                  const scep::EnrollmentRequest& request,
                                                  crypto::Certificate issued) {
  auto noted =
      intune_->notify_success(endpoint.record, request.transaction_id, request.csr.der(), issued);
  if (noted) return scep::Issued{std::move(issued)};
  auto revoked = store_.revoke_certificate(issued.serial_hex(), kReasonCessationOfOperation,
                                           to_unix(pki_.clock().now()));
  if (!revoked) {
    log::error("certificate Intune did not take note of is not revoked",
               {{"serial", issued.serial_hex()}, {"error", revoked.error().log_text}});
  } else if (auto published = pki_.publish_crl(endpoint.issuing.record.id); !published) {
    log::warn("CRL not published after revocation", {{"error", published.error().log_text}});
  }
  return reject(endpoint, request.transaction_id, request.client_address, FailInfo::bad_request,
                "Intune did not confirm the issuance; the certificate was revoked",
                noted.error().log_text);
}

ScepAuthority::Authorization ScepAuthority::authorize(const LoadedEndpoint& endpoint,
                                                      const scep::EnrollmentRequest& request) {
  if (endpoint.record.type == "intune") return authorize_intune(endpoint, request);
  auto previous = issued_record(request.signer);
  if (!previous) return scep::Unavailable{previous.error().log_text};
  //= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.1.2
  // A RenewalReq is authorized by the certificate that signed it. A PKCSReq renews only when
  // signed by a valid certificate of this endpoint, as Apple devices renew (DESIGN.md, protocol
  // decisions); signed by any other, it is a new enrollment and needs the access code.
  auto now = to_unix(pki_.clock().now());
  if (*previous && (request.type == scep::MessageType::renewal_req ||
                    !renewal_obstacle(**previous, endpoint.record, now))) {
    return authorize_renewal(endpoint, request, **previous);
  }
  if (request.type == scep::MessageType::renewal_req) {
    return reject(endpoint, request.transaction_id, request.client_address, FailInfo::bad_request,
                  "RenewalReq must be signed by a certificate this CA issued");
  }
  return authorize_challenge(endpoint, request);
}

scep::Decision ScepAuthority::decide(const LoadedEndpoint& endpoint,
                                     const scep::EnrollmentRequest& request,
                                     const Bytes& key_digest) {
  auto authorized = authorize(endpoint, request);
  if (auto* rejected = std::get_if<scep::Rejected>(&authorized)) return std::move(*rejected);
  if (auto* outage = std::get_if<scep::Unavailable>(&authorized)) return std::move(*outage);
  auto& grant = std::get<Grant>(authorized);
  const auto& tid = request.transaction_id;
  const auto& client = request.client_address;
  auto message_type = std::string(scep::to_string(request.type));

  if (grant.profile.requires_approval) {
    // Refuse now what the profile would refuse at approval time.
    auto spec = certificate_spec_for(
        request.csr, {grant.profile, grant.term_days, pki_.clock().now(), std::string{}});
    if (!spec) {
      return reject(endpoint, tid, client, FailInfo::bad_request, spec.error().client_text);
    }
    // The request is kept for the approver; the access code in it is not.
    auto stored_csr = request.csr.der_without_challenge_password();
    if (!stored_csr) {
      return reject(endpoint, tid, client, FailInfo::bad_request, std::string(kUnavailable),
                    stored_csr.error().log_text);
    }
    auto now = to_unix(pki_.clock().now());
    auto created = store_.create_pending({.endpoint_id = endpoint.record.id,
                                          .transaction_id = tid,
                                          .public_key_sha256 = key_digest,
                                          .status = "pending",
                                          .message_type = message_type,
                                          .account_id = grant.account_id,
                                          .csr_der = std::move(*stored_csr),
                                          .subject = to_string(request.csr.subject()),
                                          .client_address = client,
                                          .created_at = now,
                                          .updated_at = now});
    if (created) return scep::Pending{};
    if (is_outage(created.error())) return scep::Unavailable{created.error().log_text};
    if (created.error().category != ErrorCategory::conflict) {
      return reject(endpoint, tid, client, FailInfo::bad_request, std::string(kUnavailable),
                    created.error().log_text);
    }
  } else {
    auto issued = issuer_.issue({.ca = endpoint.issuing,
                                 .endpoint = endpoint.record,
                                 .profile = grant.profile,
                                 .term_days = grant.term_days,
                                 .account_id = grant.account_id,
                                 .csr = request.csr,
                                 .transaction_id = tid,
                                 .message_type = message_type,
                                 .client_address = client});
    if (issued && grant.intune_validated) {
      return confirm_with_intune(endpoint, request, std::move(*issued));
    }
    if (issued) return scep::Issued{std::move(*issued)};
    const auto& error = issued.error();
    if (is_outage(error)) {
      if (grant.intune_validated) {
        report_to_intune(endpoint, request, kHresultUnavailable, std::string(kUnavailable));
      }
      return scep::Unavailable{error.log_text};
    }
    if (error.category == ErrorCategory::invalid) {
      if (grant.intune_validated) {
        return reject_validated(endpoint, request, kHresultInvalidArg, error.client_text);
      }
      return reject(endpoint, tid, client, FailInfo::bad_request, error.client_text);
    }
    if (error.category != ErrorCategory::conflict) {
      if (grant.intune_validated) {
        return reject_validated(endpoint, request, kHresultFail, std::string(kUnavailable),
                                error.log_text);
      }
      return reject(endpoint, tid, client, FailInfo::bad_request, std::string(kUnavailable),
                    error.log_text);
    }
  }
  // A concurrent retry of the same transaction won the race: answer what it got.
  auto existing = store_.find_transaction(endpoint.record.id, tid);
  if (existing && *existing) return replay(**existing, key_digest);
  return reject(endpoint, tid, client, FailInfo::bad_request, std::string(kUnavailable),
                "transaction conflict without a transaction");
}

scep::Decision ScepAuthority::enroll(const scep::EndpointContext& context,
                                     const scep::EnrollmentRequest& request) {
  const auto& endpoint = loaded(context);
  auto key_digest = request.csr.public_key().sha256();
  auto existing = store_.find_transaction(endpoint.record.id, request.transaction_id);
  if (!existing && is_outage(existing.error())) return scep::Unavailable{existing.error().log_text};
  if (!existing) {
    return reject(endpoint, request.transaction_id, request.client_address, FailInfo::bad_request,
                  std::string(kUnavailable), existing.error().log_text);
  }
  if (*existing) return replay(**existing, key_digest);
  return decide(endpoint, request, key_digest);
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.3
scep::Decision ScepAuthority::poll(const scep::EndpointContext& context,
                                   const scep::PollRequest& request) {
  const auto& endpoint = loaded(context);
  auto existing = store_.find_transaction(endpoint.record.id, request.transaction_id);
  if (!existing && is_outage(existing.error())) return scep::Unavailable{existing.error().log_text};
  if (!existing || !*existing) {
    return reject(endpoint, request.transaction_id, request.client_address, FailInfo::bad_cert_id,
                  "no request with this transactionID");
  }
  const auto& transaction = **existing;
  // The poll is signed like the request it follows up: with the requested key, or, for a
  // renewal, with the certificate being renewed. That certificate must belong to the same
  // account and subject as the renewal, since the transaction does not name it.
  auto by_renewed = polled_by_renewed_certificate(endpoint, transaction, request.signer);
  if (!by_renewed) return scep::Unavailable{by_renewed.error().log_text};
  return replay(transaction,
                *by_renewed ? transaction.public_key_sha256 : request.signer.public_key().sha256());
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.3.4
scep::Decision ScepAuthority::get_cert(const scep::EndpointContext& context,
                                       const scep::CertificateQuery& query) {
  const auto& endpoint = loaded(context);
  auto record = store_.get_certificate(hex_encode(query.serial));
  if (!record && is_outage(record.error())) return scep::Unavailable{record.error().log_text};
  std::optional<crypto::Certificate> certificate;
  if (record && record->endpoint_id == endpoint.record.id) {
    if (auto parsed = crypto::Certificate::from_der(record->der)) certificate = std::move(*parsed);
  }
  if (!certificate || certificate->issuer_der() != query.issuer_der) {
    return reject(endpoint, query.transaction_id, query.client_address, FailInfo::bad_cert_id,
                  "no certificate with this issuer and serial number on this endpoint");
  }
  return scep::Issued{std::move(*certificate)};
}

scep::CrlDecision ScepAuthority::get_crl(const scep::EndpointContext& context,
                                         const scep::CertificateQuery& query) {
  const auto& endpoint = loaded(context);
  auto cas = store_.list_cas();
  if (!cas && is_outage(cas.error())) return scep::Unavailable{cas.error().log_text};
  if (cas) {
    for (const auto& ca : *cas) {
      auto certificate = crypto::Certificate::from_pem(ca.certificate_pem);
      if (!certificate || certificate->subject_der() != query.issuer_der) continue;
      auto crl = pki_.current_crl(ca.id);
      if (crl) return scep::CrlIssued{std::move(*crl)};
      return reject(endpoint, query.transaction_id, query.client_address, FailInfo::bad_request,
                    std::string(kUnavailable), crl.error().log_text);
    }
  }
  return reject(endpoint, query.transaction_id, query.client_address, FailInfo::bad_cert_id,
                "no CRL for this issuer");
}

}  // namespace scepter::ca
