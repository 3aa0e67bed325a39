// RA certificates, the CRL and pending requests.
#include "admin/ca_admin.hpp"
#include "admin/json.hpp"
#include "admin/ra.hpp"
#include "admin/requests.hpp"
#include "http/rest_routes.hpp"
#include "http/rest_support.hpp"

namespace scepter::http {
namespace {

const std::vector<std::string> kRaColumns = {"id", "name", "subject", "fingerprint"};
const std::vector<std::string> kRequestColumns = {"endpoint", "transaction_id", "subject",
                                                  "account", "message_type"};

Result<admin::Encoding> encoding_of(const RestCall& call) {
  const auto format = call.query_parameter("format").value_or("pem");
  if (format == "pem") return admin::Encoding::pem;
  if (format == "der") return admin::Encoding::der;
  return fail(invalid_field("format", "format must be pem or der"));
}

Response document(const Bytes& content, admin::Encoding encoding, std::string_view der_type) {
  const bool der = encoding == admin::Encoding::der;
  return Response{200,
                  der ? std::string(der_type) : "application/x-pem-file",
                  std::string(as_chars(content)),
                  {}};
}

Result<Response> list_ra(RestCall& call) {
  SCEPTER_TRY(const auto all, admin::RaCertificates(call.workspace, call.actor).list());
  return list_response(call, admin::to_json(all), kRaColumns);
}

Result<Response> issue_ra(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  JsonFields fields(body);
  SCEPTER_TRY(const auto name, fields.required_string("name"));
  SCEPTER_TRY(const auto key, fields.optional_string("key"));
  SCEPTER_TRY(const auto ra,
              admin::RaCertificates(call.workspace, call.actor).add(name, key.value_or("rsa2048")));
  return json_response(201, admin::to_json(ra));
}

Result<Response> import_ra(RestCall& call) {
  SCEPTER_TRY(const auto body, call.json_body());
  JsonFields fields(body);
  SCEPTER_TRY(const auto name, fields.required_string("name"));
  SCEPTER_TRY(const auto certificate, fields.required_string("certificate_pem"));
  SCEPTER_TRY(const auto key, fields.required_string("key_pem"));
  SCEPTER_TRY(const auto ra,
              admin::RaCertificates(call.workspace, call.actor).import(name, certificate, key));
  return json_response(201, admin::to_json(ra));
}

Result<Response> download_ra(RestCall& call) {
  SCEPTER_TRY(const auto encoding, encoding_of(call));
  SCEPTER_TRY(const auto content, admin::RaCertificates(call.workspace, call.actor)
                                      .export_certificate(call.path_parameter("ra"), encoding));
  return document(content, encoding, "application/pkix-cert");
}

Result<Response> crl(RestCall& call) {
  SCEPTER_TRY(const auto encoding, encoding_of(call));
  SCEPTER_TRY(const auto content, admin::CaAdmin(call.workspace, call.actor).crl(encoding));
  return document(content, encoding, "application/pkix-crl");
}

Result<Response> list_requests(RestCall& call) {
  SCEPTER_TRY(const auto pending, admin::Requests(call.workspace, call.actor).list(std::nullopt));
  return list_response(call, admin::to_json(pending), kRequestColumns);
}

Result<Response> approve(RestCall& call) {
  SCEPTER_TRY(const auto certificate,
              admin::Requests(call.workspace, call.actor)
                  .approve(call.path_parameter("endpoint"), call.path_parameter("transaction_id")));
  return json_response(200, admin::to_json(certificate));
}

Result<Response> reject(RestCall& call) {
  std::string reason;
  if (!call.request.body.empty()) {
    SCEPTER_TRY(const auto body, call.json_body());
    SCEPTER_TRY(const auto given, JsonFields(body).optional_string("reason"));
    reason = given.value_or("");
  }
  SCEPTER_CHECK(
      admin::Requests(call.workspace, call.actor)
          .reject(call.path_parameter("endpoint"), call.path_parameter("transaction_id"), reason));
  return no_content();
}

const QueryParameter kFormat{"format", "pem (default) or der"};

}  // namespace

std::vector<RestRoute> pki_routes() {
  const std::string base(kApiPrefix);
  return {
      {.method = "GET",
       .path = base + "/ra-certificates",
       .summary = "List RA certificates",
       .handler = list_ra,
       .query = list_parameters(kRaColumns)},
      {.method = "POST",
       .path = base + "/ra-certificates",
       .summary = "Issue a new RA certificate from the CA (MRAO)",
       .handler = issue_ra,
       .body = {{"name", "string", "name of the RA certificate", true},
                {"key", "string", "rsa2048 (default), rsa3072 or rsa4096"}},
       .success_status = 201},
      {.method = "POST",
       .path = base + "/ra-certificates/import",
       .summary = "Import an RA certificate and its RSA key, both PEM (MRAO)",
       .handler = import_ra,
       .body = {{"name", "string", "name of the RA certificate", true},
                {"certificate_pem", "string", "the RA certificate, PEM", true},
                {"key_pem", "string", "its RSA private key, PEM", true}},
       .success_status = 201},
      {.method = "GET",
       .path = base + "/ra-certificates/{ra}/certificate",
       .summary = "Download an RA certificate",
       .handler = download_ra,
       .query = {kFormat},
       .media_type = "application/pkix-cert"},
      {.method = "GET",
       .path = base + "/crl",
       .summary = "Download the issuing CA's current CRL",
       .handler = crl,
       .query = {kFormat},
       .media_type = "application/pkix-crl"},
      {.method = "GET",
       .path = base + "/requests",
       .summary = "List pending requests in scope",
       .handler = list_requests,
       .query = list_parameters(kRequestColumns)},
      {.method = "POST",
       .path = base + "/requests/{endpoint}/{transaction_id}/approve",
       .summary = "Approve a pending request: the certificate is issued",
       .handler = approve},
      {.method = "POST",
       .path = base + "/requests/{endpoint}/{transaction_id}/reject",
       .summary = "Reject a pending request, with an optional reason",
       .handler = reject,
       .body = {{"reason", "string", "why, shown to operators"}},
       .success_status = 204},
  };
}

}  // namespace scepter::http
