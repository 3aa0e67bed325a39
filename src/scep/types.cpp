#include "scep/types.hpp"

namespace scepter::scep {

std::string_view to_string(MessageType type) {
  switch (type) {
    case MessageType::cert_rep:
      return "CertRep";
    case MessageType::renewal_req:
      return "RenewalReq";
    case MessageType::pkcs_req:
      return "PKCSReq";
    case MessageType::cert_poll:
      return "CertPoll";
    case MessageType::get_cert:
      return "GetCert";
    case MessageType::get_crl:
      return "GetCRL";
  }
  return "unknown";
}

std::string_view to_string(PkiStatus status) {
  switch (status) {
    case PkiStatus::success:
      return "SUCCESS";
    case PkiStatus::failure:
      return "FAILURE";
    case PkiStatus::pending:
      return "PENDING";
  }
  return "unknown";
}

std::string_view to_string(FailInfo info) {
  switch (info) {
    case FailInfo::bad_alg:
      return "badAlg";
    case FailInfo::bad_message_check:
      return "badMessageCheck";
    case FailInfo::bad_request:
      return "badRequest";
    case FailInfo::bad_time:
      return "badTime";
    case FailInfo::bad_cert_id:
      return "badCertId";
  }
  return "unknown";
}

std::optional<MessageType> message_type_from_int(int value) {
  switch (value) {
    case 3:
      return MessageType::cert_rep;
    case 17:
      return MessageType::renewal_req;
    case 19:
      return MessageType::pkcs_req;
    case 20:
      return MessageType::cert_poll;
    case 21:
      return MessageType::get_cert;
    case 22:
      return MessageType::get_crl;
    default:
      return std::nullopt;
  }
}

//= https://www.rfc-editor.org/rfc/rfc8894#section-4.1
// The operation names are case-sensitive, so only the exact spelling matches.
std::optional<Operation> parse_operation(std::string_view name) {
  if (name == "GetCACaps") return Operation::get_ca_caps;
  if (name == "GetCACert") return Operation::get_ca_cert;
  if (name == "GetNextCACert") return Operation::get_next_ca_cert;
  if (name == "PKIOperation") return Operation::pki_operation;
  return std::nullopt;
}

std::string_view to_string(Operation operation) {
  switch (operation) {
    case Operation::get_ca_caps:
      return "GetCACaps";
    case Operation::get_ca_cert:
      return "GetCACert";
    case Operation::get_next_ca_cert:
      return "GetNextCACert";
    case Operation::pki_operation:
      return "PKIOperation";
  }
  return "unknown";
}

std::optional<CaCertFormat> parse_ca_cert_format(std::string_view name) {
  if (name == "single-pem") return CaCertFormat::single_pem;
  if (name == "single-der") return CaCertFormat::single_der;
  if (name == "chain-cms") return CaCertFormat::chain_cms;
  return std::nullopt;
}

std::string_view to_string(CaCertFormat format) {
  switch (format) {
    case CaCertFormat::single_pem:
      return "single-pem";
    case CaCertFormat::single_der:
      return "single-der";
    case CaCertFormat::chain_cms:
      return "chain-cms";
  }
  return "unknown";
}

std::optional<CertFormat> parse_cert_format(std::string_view name) {
  if (name == "single") return CertFormat::single;
  if (name == "full-chain") return CertFormat::full_chain;
  return std::nullopt;
}

std::string_view to_string(CertFormat format) {
  switch (format) {
    case CertFormat::single:
      return "single";
    case CertFormat::full_chain:
      return "full-chain";
  }
  return "unknown";
}

}  // namespace scepter::scep
