#include "intune/intune_client.hpp"

#include <ctime>

#include "core/codec.hpp"
#include "core/log.hpp"
#include "crypto/random.hpp"

namespace scepter::intune {
namespace {

using nlohmann::json;

// Unicode-unaware on purpose: Intune counts characters, and our descriptions are ASCII.
std::string cut(std::string text, std::size_t limit) {
  if (text.size() > limit) text.resize(limit);
  return text;
}

}  // namespace

std::string new_request_id() {
  auto bytes = crypto::random_bytes(16);
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  auto hex = hex_encode(bytes);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string iso8601_utc(TimePoint at) {
  std::time_t seconds = to_unix(at);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  auto length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S.000Z", &utc);
  return std::string(text, length);
}

IntuneClient::IntuneClient(AzureCredentials credentials, HttpsOptions https,
                           std::string caller_info)
    : https_(std::move(https)),
      tokens_(https_, std::move(credentials)),
      discovery_(https_, tokens_),
      caller_info_(std::move(caller_info)) {}

Result<json> IntuneClient::post(std::string_view service, std::string_view action,
                                std::string_view api_version, const json& body) {
  SCEPTER_TRY(auto base, discovery_.service_uri(service));
  auto request_id = new_request_id();
  auto response = send_authorized(https_, tokens_, default_scope(tokens_.credentials().intune_url),
                                  {.method = "POST",
                                   .url = base + "/" + std::string(action),
                                   .headers = {{"Content-Type", "application/json"},
                                               {"Accept", "application/json"},
                                               {"client-request-id", request_id},
                                               {"api-version", std::string(api_version)},
                                               {"UserAgent", caller_info_}},
                                   .body = body.dump()});
  if (!response || !response->ok()) discovery_.forget();
  if (!response) return fail(std::move(response).error().context(std::string(action)));
  if (!response->ok()) {
    auto text =
        "Intune " + std::string(action) + " answered HTTP " + std::to_string(response->status);
    return fail(ErrorCategory::unavailable, text, text + " (client-request-id " + request_id + ")");
  }
  auto parsed = json::parse(response->body, nullptr, false);
  if (!parsed.is_object()) {
    return fail(ErrorCategory::unavailable,
                "Intune " + std::string(action) + " answered without a JSON object");
  }
  return parsed;
}

Status IntuneClient::scep_action(std::string_view action, const json& body) {
  SCEPTER_TRY(auto answer, post(kScepValidationService, action, kScepApiVersion, body));
  auto code = answer.value("code", std::string());
  if (code == "Success") return {};
  auto description = answer.value("errorDescription", std::string());
  return fail(ErrorCategory::unauthorized,
              "Intune refused the request: " + (code.empty() ? "no code" : code),
              "Intune " + std::string(action) + ": " + code + ": " + description);
}

Status IntuneClient::validate_request(const std::string& transaction_id, ByteView csr_der) {
  return scep_action("ScepActions/validateRequest",
                     {{"request",
                       {{"transactionId", transaction_id},
                        {"certificateRequest", base64_encode(csr_der)},
                        {"callerInfo", caller_info_}}}});
}

Status IntuneClient::notify_success(const IssuedNotice& notice) {
  return scep_action("ScepActions/successNotification",
                     {{"notification",
                       {{"transactionId", notice.transaction_id},
                        {"certificateRequest", base64_encode(notice.csr_der)},
                        {"certificateThumbprint", notice.thumbprint},
                        {"certificateSerialNumber", notice.serial},
                        {"certificateExpirationDateUtc", iso8601_utc(notice.expires_at)},
                        {"issuingCertificateAuthority", notice.issuing_authority},
                        {"callerInfo", caller_info_}}}});
}

Status IntuneClient::notify_failure(const FailedNotice& notice) {
  return scep_action("ScepActions/failureNotification",
                     {{"notification",
                       {{"transactionId", notice.transaction_id},
                        {"certificateRequest", base64_encode(notice.csr_der)},
                        {"hResult", notice.hresult},
                        {"errorDescription", cut(notice.description, kMaxErrorDescription)},
                        {"callerInfo", caller_info_}}}});
}

Result<std::vector<RevocationRequest>> IntuneClient::download_revocation_requests(
    int max_requests) {
  if (max_requests < 1 || max_requests > kMaxRevocationBatch) {
    return fail(ErrorCategory::invalid, "revocation batch size out of range");
  }
  SCEPTER_TRY(
      auto answer,
      post(kPkiConnectorService, "CertificateAuthorityRequests/downloadRevocationRequests",
           kPkiConnectorApiVersion,
           {{"downloadParameters", {{"maxRequests", max_requests}, {"issuerName", nullptr}}}}));
  auto it = answer.find("value");
  if (it == answer.end() || !it->is_array()) {
    return fail(ErrorCategory::unavailable, "Intune answered revocation download without a list");
  }
  std::vector<RevocationRequest> requests;
  for (const auto& entry : *it) {
    if (!entry.is_object()) continue;
    auto text = [&entry](const char* key) {
      auto field = entry.find(key);
      return field != entry.end() && field->is_string() ? field->get<std::string>() : std::string();
    };
    requests.push_back({.request_context = text("requestContext"),
                        .serial_number = text("serialNumber"),
                        .issuer_name = text("issuerName"),
                        .ca_configuration = text("caConfiguration")});
  }
  return requests;
}

Status IntuneClient::upload_revocation_results(const std::vector<RevocationResult>& results) {
  auto list = json::array();
  for (const auto& result : results) {
    list.push_back({{"requestContext", result.request_context},
                    {"succeeded", result.succeeded},
                    {"errorCode", static_cast<int>(result.error)},
                    {"errorMessage", result.error_message}});
  }
  SCEPTER_TRY(auto answer,
              post(kPkiConnectorService, "CertificateAuthorityRequests/uploadRevocationResults",
                   kPkiConnectorApiVersion, {{"results", list}}));
  auto value = answer.find("value");
  if (value == answer.end() || !value->is_boolean() || !value->get<bool>()) {
    return fail(ErrorCategory::unavailable, "Intune did not accept the revocation results");
  }
  return {};
}

}  // namespace scepter::intune
