#pragma once
// What the admin services return: rows with their references resolved to the names operators
// use, and never a secret (access codes appear only in AccessCodeIssued, once).

#include <optional>
#include <string>

#include "store/records.hpp"

namespace scepter::admin {

// How certificates and CRLs are handed out.
enum class Encoding { pem, der };

struct DepartmentView {
  store::Id id = 0;
  std::string name{};
  std::string organization{};
  long long created_at = 0;
};

struct EndpointView {
  store::Endpoint endpoint{};
  std::string ra{};            // RA certificate name
  std::string organization{};  // Intune endpoints only, else empty
  std::string department{};
  std::string profile{};
  std::string azure_account{};
  std::string scep_url{};
};

struct AccountView {
  store::Id id = 0;
  std::string endpoint{};  // URI extension
  std::string name{};
  std::string organization{};
  std::string department{};
  std::string profile{};
  int term_days = 0;
  long long created_at = 0;
  long long code_rotated_at = 0;
};

// The result of creating an account or rotating its code: the only time the code is shown.
struct AccessCodeIssued {
  AccountView account;
  std::string access_code{};
};

struct CaCertificateView {
  store::Id id = 0;
  std::string role{};  // "root" | "issuing" | "next"
  std::string subject{};
  std::string serial{};
  long long not_before = 0;
  long long not_after = 0;
  std::string fingerprint{};  // SHA-256, hex
  std::string pem{};
  std::string path{};  // where the PEM is published in the data directory, if it is
};

struct CaOverview {
  CaCertificateView root;
  CaCertificateView issuing;
  std::optional<CaCertificateView> next{};
};

struct PendingRequestView {
  std::string endpoint{};  // URI extension
  std::string transaction_id{};
  std::string subject{};
  std::string account{};  // empty when the request came without one (renewal, Intune)
  std::string message_type{};
  std::string client_address{};
  long long created_at = 0;
};

struct CertificateView {
  std::string serial{};
  std::string endpoint{};  // URI extension; empty when the endpoint was deleted since
  std::string account{};
  std::string subject{};
  std::string alt_names{};
  long long not_before = 0;
  long long not_after = 0;
  std::string status{};  // "valid" | "revoked"
  std::optional<long long> revoked_at{};
  std::string revocation_reason{};  // RFC 5280 name, e.g. "keyCompromise"
  long long issued_at = 0;
  std::string transaction_id{};
  std::string pem{};
};

}  // namespace scepter::admin
