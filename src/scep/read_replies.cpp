#include "scep/authority.hpp"
#include "scep/ca_cert.hpp"
#include "scep/capabilities.hpp"

namespace scepter::scep {

Result<ReadReplies> read_replies(const EndpointContext& endpoint) {
  SCEPTER_TRY(auto ca_certificate, ca_cert_response(endpoint));
  return ReadReplies{capabilities_response(endpoint), std::move(ca_certificate)};
}

}  // namespace scepter::scep
