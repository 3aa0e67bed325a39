#include "scep/capabilities.hpp"

#include <string_view>
#include <vector>

#include "scep/media_types.hpp"

namespace scepter::scep {

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.5.2
// MUST: the response is a list of keywords separated by <LF>, sent as text/plain.
//= https://www.rfc-editor.org/rfc/rfc8894#section-3.5.1
// A server that implements RFC 8894 advertises SCEPStandard, which implies AES, POSTPKIOperation
// and SHA-256; they are listed too for clients that look for them by name.
std::string capabilities(const EndpointContext& endpoint) {
  std::vector<std::string_view> keywords{"POSTPKIOperation", "SCEPStandard", "Renewal"};
  if (!endpoint.next_ca_chain.empty()) keywords.push_back("GetNextCACert");
  keywords.push_back("AES");
  if (endpoint.allow_des3) keywords.push_back("DES3");
  keywords.push_back("SHA-256");
  keywords.push_back("SHA-512");
  if (endpoint.allow_sha1) keywords.push_back("SHA-1");

  std::string text;
  for (auto keyword : keywords) {
    if (!text.empty()) text += '\n';
    text += keyword;
  }
  return text;
}

Response capabilities_response(const EndpointContext& endpoint) {
  return Response{std::string(media_type::capabilities), to_bytes(capabilities(endpoint))};
}

}  // namespace scepter::scep
