#pragma once
// Shared by the store's tests: a database file in a fresh temporary directory, and unwrapping
// of results that a test needs to succeed.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "core/error.hpp"
#include "store/store.hpp"

namespace scepter::store::testing {

class TempDatabase {
 public:
  TempDatabase() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "scepter-store-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
  }
  ~TempDatabase() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  std::string path() const { return (dir_ / "scepter.db").string(); }

 private:
  std::filesystem::path dir_;
};

// A failed step of a test's setup ends the test with the store's own explanation.
template <class T>
T ok(Result<T> result) {
  if (!result)
    throw std::runtime_error(result.error().client_text + ": " + result.error().log_text);
  return std::move(*result);
}
inline void ok(Status status) {
  if (!status)
    throw std::runtime_error(status.error().client_text + ": " + status.error().log_text);
}

template <class T>
::testing::AssertionResult fails_with(const std::expected<T, Error>& result, ErrorCategory category,
                                      std::string_view field = {}) {
  if (result) return ::testing::AssertionFailure() << "succeeded";
  if (result.error().category != category || result.error().field != field) {
    return ::testing::AssertionFailure()
           << "failed with " << to_string(result.error().category) << " field '"
           << result.error().field << "': " << result.error().log_text;
  }
  return ::testing::AssertionSuccess();
}

// The smallest configuration that enrollment rows can hang from.
struct Seed {
  Organization organization;
  Department department;
  Profile profile;
  CaRecord ca;
  RaCertificate ra;
  Endpoint endpoint;
};

inline Seed seed(Store& store) {
  Seed s;
  s.organization = ok(store.create_organization({.name = "Acme", .created_at = 100}));
  s.department = ok(store.create_department(
      {.organization_id = s.organization.id, .name = "Ops", .created_at = 101}));
  Profile profile;
  profile.name = "tls-client";
  profile.cert_type = "client";
  profile.key_types = {"rsa", "ec"};
  profile.terms_days = {365};
  profile.created_at = 102;
  s.profile = ok(store.create_profile(profile));
  s.ca = ok(store.create_ca({.name = "root",
                             .role = "issuing",
                             .parent_id = std::nullopt,
                             .certificate_pem = "-----BEGIN CERTIFICATE-----",
                             .key_ref = "file:ca.key",
                             .created_at = 103}));
  s.ra = ok(store.create_ra_certificate({.name = "ra",
                                         .ca_id = s.ca.id,
                                         .certificate_pem = "-----BEGIN CERTIFICATE-----",
                                         .key_ref = "file:ra.key",
                                         .subject = "CN=RA",
                                         .fingerprint = "ab01",
                                         .not_before = 1,
                                         .not_after = 2,
                                         .created_at = 104}));
  Endpoint endpoint;
  endpoint.name = "Demo";
  endpoint.uri_extension = "demo";
  endpoint.type = "scep";
  endpoint.cert_type = "client";
  endpoint.ra_certificate_id = s.ra.id;
  endpoint.getcacert_format = "single-der";
  endpoint.getcert_format = "single";
  endpoint.created_at = 105;
  s.endpoint = ok(store.create_endpoint(endpoint));
  return s;
}

inline CertificateRecord certificate(const Seed& s, std::string serial, std::string subject) {
  CertificateRecord cert;
  cert.serial = std::move(serial);
  cert.endpoint_id = s.endpoint.id;
  cert.ca_id = s.ca.id;
  cert.subject = std::move(subject);
  cert.alt_names = "dns:a.example";
  cert.not_before = 1000;
  cert.not_after = 2000;
  cert.der = {0x30, 0x03, 0x02, 0x01, 0x01};
  cert.public_key_sha256 = {0xaa, 0xbb};
  cert.issued_at = 1000;
  return cert;
}

inline Transaction transaction(const Seed& s, std::string transaction_id) {
  Transaction tx;
  tx.endpoint_id = s.endpoint.id;
  tx.transaction_id = std::move(transaction_id);
  tx.public_key_sha256 = {0xaa, 0xbb};
  tx.message_type = "PKCSReq";
  tx.csr_der = {0x30, 0x00};
  tx.subject = "CN=device";
  tx.client_address = "192.0.2.7";
  tx.created_at = 1000;
  tx.updated_at = 1000;
  return tx;
}

}  // namespace scepter::store::testing
