#pragma once
// The engine's face towards a transport: http/ hands over a decoded request and writes back what
// it gets. HTTP details (paths, GET vs POST, base64, size limits) never come through here.

#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "scep/types.hpp"

namespace scepter::scep {

struct Request {
  std::string endpoint;  // the URI extension
  Operation operation = Operation::get_ca_caps;
  std::string message;  // the `message` query parameter of GetCACert/GetCACaps, decoded
  Bytes pki_message;    // PKIOperation: the DER pkiMessage (already base64-decoded for GET)
  std::string client_address;
};

struct Response {
  std::string content_type;
  Bytes body;
};

// What a request ended as, for the one log line per request.
struct Outcome {
  std::string message_type;  // "PKCSReq", ... empty when not a PKIOperation
  std::string transaction_id;
  std::string status;     // "SUCCESS", "FAILURE", "PENDING", or empty
  std::string fail_info;  // "badRequest", ... when status is FAILURE
  std::string reason;     // short, safe: never a secret or a whole message
};

class Service {
 public:
  virtual ~Service() = default;
  // An error means no SCEP reply could be built: not_found (unknown endpoint / no next CA) maps
  // to 404, bad_request and friends to 400. A signed FAILURE CertRep is a success here.
  virtual Result<Response> handle(const Request& request, Outcome& outcome) = 0;
  // True when handle() may wait on another service for this operation on this endpoint (an
  // Intune endpoint's PKIOperation asks Microsoft), so that the transport can run it where a
  // slow answer holds up no other client.
  virtual bool may_wait_on_remote(std::string_view /*endpoint*/, Operation /*operation*/) {
    return false;
  }
};

}  // namespace scepter::scep
