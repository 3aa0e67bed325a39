// Issued certificates: search, download, revocation.
#include "admin/certificates.hpp"
#include "admin/json.hpp"
#include "crypto/certificate.hpp"
#include "http/rest_routes.hpp"
#include "http/rest_support.hpp"

namespace scepter::http {
namespace {

Result<Response> search(RestCall& call) {
  SCEPTER_TRY(const auto paging, paging_of(call));
  admin::CertificateQuery query{.endpoint = call.query_parameter("endpoint"),
                                .account = call.query_parameter("account"),
                                .status = call.query_parameter("status"),
                                .subject_contains = call.query_parameter("subject"),
                                .san_contains = call.query_parameter("san"),
                                .serial = call.query_parameter("serial"),
                                .limit = paging.limit,
                                .offset = paging.offset};
  SCEPTER_TRY(query.expires_before, time_parameter(call, "expires_before"));
  SCEPTER_TRY(query.expires_after, time_parameter(call, "expires_after"));
  SCEPTER_TRY(const auto found, admin::Certificates(call.workspace, call.actor).list(query));
  return page_response(admin::to_json(found), paging.limit, paging.offset);
}

Result<Response> show(RestCall& call) {
  SCEPTER_TRY(const auto certificate,
              admin::Certificates(call.workspace, call.actor).show(call.path_parameter("serial")));
  return json_response(200, admin::to_json(certificate));
}

Result<Response> download(RestCall& call) {
  const auto format = call.query_parameter("format").value_or("pem");
  admin::Certificates certificates(call.workspace, call.actor);
  const auto& serial = call.path_parameter("serial");
  if (format == "chain") {
    SCEPTER_TRY(auto chain, certificates.chain_pem(serial));
    return Response{200, "application/x-pem-file", std::move(chain), {}};
  }
  if (format != "pem" && format != "der") {
    return fail(invalid_field("format", "format must be pem, der or chain"));
  }
  SCEPTER_TRY(const auto certificate, certificates.show(serial));
  if (format == "pem") return Response{200, "application/x-pem-file", certificate.pem, {}};
  SCEPTER_TRY(const auto parsed, crypto::Certificate::from_pem(certificate.pem));
  return Response{200, "application/pkix-cert", std::string(as_chars(parsed.der())), {}};
}

Result<Response> revoke(RestCall& call) {
  std::string reason;
  if (!call.request.body.empty()) {
    SCEPTER_TRY(const auto body, call.json_body());
    SCEPTER_TRY(const auto given, JsonFields(body).optional_string("reason"));
    reason = given.value_or("");
  }
  SCEPTER_TRY(const auto revoked, admin::Certificates(call.workspace, call.actor)
                                      .revoke(call.path_parameter("serial"), reason));
  return json_response(200, admin::to_json(revoked));
}

Result<Response> release(RestCall& call) {
  SCEPTER_TRY(
      const auto released,
      admin::Certificates(call.workspace, call.actor).release_hold(call.path_parameter("serial")));
  return json_response(200, admin::to_json(released));
}

}  // namespace

std::vector<RestRoute> certificate_routes() {
  const std::string base = std::string(kApiPrefix) + "/certificates";
  return {
      {.method = "GET",
       .path = base,
       .summary = "Search issued certificates in scope, newest first",
       .handler = search,
       .query = {{"endpoint", "URI extension of the issuing endpoint"},
                 {"account", "account name (with endpoint)"},
                 {"status", "valid or revoked"},
                 {"subject", "text within the subject"},
                 {"san", "text within the subject alternative names"},
                 {"serial", "serial number, hex"},
                 {"expires_before", "not after earlier than this (Unix seconds or RFC 3339)"},
                 {"expires_after", "not after at or later than this (Unix seconds or RFC 3339)"},
                 {"limit", "page size, 1 to 1000 (default 100)", "integer"},
                 {"offset", "certificates to skip (default 0)", "integer"}}},
      {.method = "GET",
       .path = base + "/{serial}",
       .summary = "Show a certificate, with its PEM",
       .handler = show},
      {.method = "GET",
       .path = base + "/{serial}/download",
       .summary = "Download a certificate as PEM, DER, or PEM with its CA chain",
       .handler = download,
       .query = {{"format", "pem (default), der or chain"}},
       .media_type = "application/x-pem-file"},
      {.method = "POST",
       .path = base + "/{serial}/revoke",
       .summary = "Revoke a certificate with an RFC 5280 reason; republishes the CRL",
       .handler = revoke,
       .body = {{"reason", "string",
                 "an RFC 5280 reason name, e.g. keyCompromise; default: unspecified"}}},
      {.method = "POST",
       .path = base + "/{serial}/release",
       .summary = "Release a certificate on hold (revoked with reason certificateHold); "
                  "republishes the CRL without it",
       .handler = release},
  };
}

}  // namespace scepter::http
