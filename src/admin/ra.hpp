#pragma once
// RA certificates: the certificate and key an endpoint decrypts requests with and signs CertReps
// with.

#include <string>
#include <vector>

#include "admin/audit.hpp"
#include "admin/views.hpp"
#include "admin/workspace.hpp"
#include "core/bytes.hpp"

namespace scepter::admin {

class RaCertificates {
 public:
  RaCertificates(Workspace& workspace, Actor actor)
      : workspace_(workspace), actor_(std::move(actor)) {}

  // key_spec: "rsa2048" | "rsa3072" | "rsa4096" (SCEP clients encrypt to the RA key with RSA).
  Result<store::RaCertificate> add(const std::string& name, const std::string& key_spec);
  // An RA certificate and its RSA key made elsewhere (PEM); the key must match the certificate.
  Result<store::RaCertificate> import(const std::string& name, const std::string& certificate_pem,
                                      const std::string& key_pem);
  Result<std::vector<store::RaCertificate>> list();
  Result<Bytes> export_certificate(const std::string& name, Encoding encoding);

 private:
  Workspace& workspace_;
  Actor actor_;
};

}  // namespace scepter::admin
