#pragma once
// SCEP vocabulary (RFC 8894 section 3.2.1).

#include <optional>
#include <string>
#include <string_view>

namespace scepter::scep {

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.2
enum class MessageType {
  cert_rep = 3,
  renewal_req = 17,
  pkcs_req = 19,
  cert_poll = 20,
  get_cert = 21,
  get_crl = 22,
};

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.3
enum class PkiStatus { success = 0, failure = 2, pending = 3 };

//= https://www.rfc-editor.org/rfc/rfc8894#section-3.2.1.4
enum class FailInfo {
  bad_alg = 0,
  bad_message_check = 1,
  bad_request = 2,
  bad_time = 3,
  bad_cert_id = 4
};

std::string_view to_string(MessageType type);
std::string_view to_string(PkiStatus status);
std::string_view to_string(FailInfo info);
std::optional<MessageType> message_type_from_int(int value);

enum class Operation { get_ca_caps, get_ca_cert, get_next_ca_cert, pki_operation };
std::optional<Operation> parse_operation(std::string_view name);  // exact RFC spelling
std::string_view to_string(Operation operation);

// How GetCACert answers (DESIGN.md, vocabulary).
enum class CaCertFormat { single_pem, single_der, chain_cms };
// What a CertRep carries besides the issued certificate.
enum class CertFormat { single, full_chain };

std::optional<CaCertFormat> parse_ca_cert_format(std::string_view name);  // "single-pem", ...
std::string_view to_string(CaCertFormat format);
std::optional<CertFormat> parse_cert_format(std::string_view name);  // "single", "full-chain"
std::string_view to_string(CertFormat format);

}  // namespace scepter::scep
