#pragma once
// What the authority needs from Microsoft Intune for endpoints of type "intune": is this
// challenge and CSR genuine, and the outcome of each validated request. intune/ implements it
// over HTTPS; tests stand in a fake.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "crypto/certificate.hpp"
#include "store/records.hpp"

namespace scepter::ca {

// HRESULTs reported with failureNotification; Intune shows them to the administrator.
inline constexpr std::uint32_t kHresultFail = 0x80004005;         // E_FAIL
inline constexpr std::uint32_t kHresultInvalidArg = 0x80070057;   // E_INVALIDARG: policy refused
inline constexpr std::uint32_t kHresultUnavailable = 0x800706BA;  // RPC_S_SERVER_UNAVAILABLE

class IntuneGateway {
 public:
  virtual ~IntuneGateway() = default;

  // ok only when Intune answered "Success" for this transaction and CSR. Otherwise unauthorized
  // with Intune's code in the client text, or unavailable when Intune could not be asked.
  virtual Status validate(const store::Endpoint& endpoint, const std::string& transaction_id,
                          ByteView csr_der) = 0;
  // Reports the certificate issued for a validated request; an error means Intune did not take
  // note of it.
  virtual Status notify_success(const store::Endpoint& endpoint, const std::string& transaction_id,
                                ByteView csr_der, const crypto::Certificate& issued) = 0;
  // Reports that a validated request got no certificate, and why (cut to 255 characters).
  virtual Status notify_failure(const store::Endpoint& endpoint, const std::string& transaction_id,
                                ByteView csr_der, std::uint32_t hresult,
                                std::string_view description) = 0;
};

}  // namespace scepter::ca
