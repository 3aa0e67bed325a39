#pragma once
// The calls a third-party CA makes to Intune for one Azure account, as Microsoft's Intune SCEP
// validation libraries define them: validateRequest, successNotification and failureNotification
// on ScepRequestValidationFEService; downloadRevocationRequests and uploadRevocationResults on
// PkiConnectorFEService. Thread-safe: one client serves every handler thread.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "core/clock.hpp"
#include "intune/discovery.hpp"

namespace scepter::intune {

inline constexpr std::string_view kScepApiVersion = "2018-02-20";
// Sic: the version Microsoft's own revocation client sends to PkiConnectorFEService.
inline constexpr std::string_view kPkiConnectorApiVersion = "5019-05-05";
inline constexpr int kMaxRevocationBatch = 500;
inline constexpr std::size_t kMaxErrorDescription = 255;

struct IssuedNotice {
  std::string transaction_id;
  Bytes csr_der;
  std::string thumbprint;  // SHA-1 of the certificate, upper-case hex
  std::string serial;      // hex
  TimePoint expires_at;
  std::string issuing_authority;  // the issuer's distinguished name
};

struct FailedNotice {
  std::string transaction_id;
  Bytes csr_der;
  std::uint32_t hresult = 0x80004005;  // E_FAIL
  std::string description;             // cut to kMaxErrorDescription characters
};

struct RevocationRequest {
  std::string request_context;  // echoed in the result
  std::string serial_number;
  std::string issuer_name;
  std::string ca_configuration;
};

// The error codes of the CA request contract.
enum class RevocationError : int {
  none = 0,
  non_retryable = 4000,
  parameter_invalid = 4002,
  certificate_not_found = 4004,
  conflict = 4005,  // e.g. already revoked
  retryable = 4100,
  service_unavailable = 4101,
};

struct RevocationResult {
  std::string request_context;
  bool succeeded = false;
  RevocationError error = RevocationError::none;
  std::string error_message;
};

class IntuneClient {
 public:
  IntuneClient(AzureCredentials credentials, HttpsOptions https, std::string caller_info);

  // ok only when Intune answers code "Success". Otherwise: unauthorized with Intune's code in
  // the client text ("Intune refused the request: <code>"), or unavailable (non-2xx, timeout,
  // unreachable), or the discovery/token error.
  Status validate_request(const std::string& transaction_id, ByteView csr_der);
  Status notify_success(const IssuedNotice& notice);
  Status notify_failure(const FailedNotice& notice);

  Result<std::vector<RevocationRequest>> download_revocation_requests(int max_requests);
  Status upload_revocation_results(const std::vector<RevocationResult>& results);

 private:
  // POSTs `body` to {service}/{action}; a failed exchange makes discovery ask again next time.
  Result<nlohmann::json> post(std::string_view service, std::string_view action,
                              std::string_view api_version, const nlohmann::json& body);
  Status scep_action(std::string_view action, const nlohmann::json& body);

  HttpsClient https_;
  TokenClient tokens_;
  ServiceDiscovery discovery_;
  std::string caller_info_;
};

// A random RFC 4122 version 4 GUID, for client-request-id.
std::string new_request_id();

// "2026-11-29T06:00:00.000Z"
std::string iso8601_utc(TimePoint at);

}  // namespace scepter::intune
