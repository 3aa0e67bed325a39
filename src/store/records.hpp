#pragma once
// Plain rows of the data model (DESIGN.md). The store knows nothing of SCEP or OpenSSL:
// certificates travel as DER bytes, keys only as references (a file name or a pkcs11: URI).
// Times are seconds since the Unix epoch.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.hpp"

namespace scepter::store {

using Id = std::int64_t;

struct Organization {
  Id id = 0;
  std::string name;
  long long created_at = 0;
};

struct Department {
  Id id = 0;
  Id organization_id = 0;
  std::string name;
  long long created_at = 0;
};

struct Profile {
  Id id = 0;
  std::string name;
  std::string cert_type;               // "client" | "device"
  std::vector<std::string> key_types;  // "rsa", "ec"
  int min_rsa_bits = 2048;
  int min_ec_bits = 256;
  std::vector<int> terms_days;                  // allowed validity periods
  unsigned key_usage = 0;                       // crypto::KeyUsage bits
  std::vector<std::string> extended_key_usage;  // dotted OIDs
  std::vector<std::string> san_types;           // "dns", "email", "uri", "ip", "upn"
  std::vector<std::string> subject_attributes;  // DN attribute types kept from the CSR
  bool requires_approval = false;
  long long created_at = 0;
};

struct CaRecord {
  Id id = 0;
  std::string name;
  std::string role;  // "root" | "issuing" | "next" | "retired"
  std::optional<Id> parent_id;
  std::string certificate_pem;
  std::string key_ref;
  long long created_at = 0;
};

struct RaCertificate {
  Id id = 0;
  std::string name;
  Id ca_id = 0;
  std::string certificate_pem;
  std::string key_ref;
  std::string subject;
  std::string fingerprint;  // SHA-256, hex
  long long not_before = 0;
  long long not_after = 0;
  long long created_at = 0;
};

// Credentials of an Entra ID (Azure AD) application that may call Intune's SCEP validation
// service. The client secret is stored only encrypted with the master key (ca/key_vault).
struct AzureAccount {
  Id id = 0;
  std::string name;
  std::string environment;  // "public" | "usgov" | "china" | "custom"
  std::string tenant_id;
  std::string client_id;
  Bytes client_secret_encrypted;
  std::string authority_url;  // e.g. https://login.microsoftonline.com
  std::string graph_url;      // e.g. https://graph.microsoft.com
  std::string intune_url;     // resource of Intune tokens, e.g. https://api.manage.microsoft.com
  std::string trust_ca_pem;   // extra trust anchors for custom clouds; empty: system store
  std::string delegation = "general";  // "general" | "customized"
  long long created_at = 0;
};

struct Endpoint {
  Id id = 0;
  std::string name;
  std::string uri_extension;
  std::string type;       // "scep" | "intune"
  std::string cert_type;  // "client" | "device"
  Id ra_certificate_id = 0;
  std::string getcacert_format;        // "single-pem" | "single-der" | "chain-cms"
  std::string getcert_format;          // "single" | "full-chain"
  std::string delegation = "general";  // "general" | "customized"
  bool enabled = true;
  bool allow_des3 = true;
  // Intune endpoints only:
  std::optional<Id> organization_id;
  std::optional<Id> department_id;
  std::optional<Id> profile_id;
  std::optional<int> term_days;
  std::optional<Id> azure_account_id;
  long long created_at = 0;
};

// For an endpoint with delegation "customized": one organization, or one department of it,
// that may use the endpoint.
struct Delegation {
  Id organization_id = 0;
  std::optional<Id> department_id = {};  // none: the whole organization

  bool operator==(const Delegation&) const = default;
};

struct Account {
  Id id = 0;
  Id endpoint_id = 0;
  std::string name;
  Id organization_id = 0;
  Id department_id = 0;  // 0: the account belongs to the organization as a whole
  Id profile_id = 0;
  int term_days = 0;
  Bytes access_code_digest;  // keyed digest; the code itself is never stored
  long long created_at = 0;
  long long code_rotated_at = 0;
};

// One SCEP transactionID on one endpoint that was answered SUCCESS or PENDING (or decided later).
struct Transaction {
  Id id = 0;
  Id endpoint_id = 0;
  std::string transaction_id;
  Bytes public_key_sha256;
  std::string status;        // "pending" | "issued" | "rejected"
  std::string message_type;  // "PKCSReq" | "RenewalReq"
  std::optional<Id> account_id;
  Bytes csr_der;
  std::string subject;  // the CSR's subject, for listing pending requests
  std::optional<std::string> certificate_serial;
  std::string reason;  // rejection reason
  std::string client_address;
  long long created_at = 0;
  long long updated_at = 0;
};

// The CRLReason of a suspension (RFC 5280 5.3.1, certificateHold): the one revocation that may
// be taken back.
inline constexpr int kCertificateHold = 6;

struct CertificateRecord {
  std::string serial;  // lower-case hex, unique
  Id endpoint_id = 0;
  std::optional<Id> account_id;
  Id ca_id = 0;
  std::string subject;
  std::string alt_names;  // "dns:a.example,email:x@y", for search
  long long not_before = 0;
  long long not_after = 0;
  std::string status = "valid";  // "valid" | "revoked"
  std::optional<long long> revoked_at;
  std::optional<int> revocation_reason;
  Bytes der;
  Bytes public_key_sha256;
  std::string transaction_id;
  long long issued_at = 0;
};

struct CrlRecord {
  Id ca_id = 0;
  long long number = 0;
  Bytes der;
  long long this_update = 0;
  long long next_update = 0;
};

struct Rejection {
  Id endpoint_id = 0;
  std::string transaction_id;
  std::string reason;
  std::string client_address;
  long long at = 0;
};

struct AuditEvent {
  Id id = 0;
  long long at = 0;
  std::string actor;   // "cli:root", "admin:alice", "scep"
  std::string action;  // "endpoint.create", ...
  std::string target;  // "endpoint:demo"
  std::string source;  // client address or "local"
  std::string before;  // JSON, never a secret
  std::string after;
};

// An administrator of the REST API. role: "mrao" (everything), "rao" (organization_id),
// "drao" (department_id, whose organization is organization_id).
struct Admin {
  Id id = 0;
  std::string username;
  std::string password_hash;  // Argon2id in the libsodium string form
  std::string role;
  std::optional<Id> organization_id = {};
  std::optional<Id> department_id = {};
  bool disabled = false;
  long long created_at = 0;
  std::optional<long long> last_login_at = {};
};

// A token for automation. Only the SHA-256 of the token is stored.
struct ApiToken {
  Id id = 0;
  Id admin_id = 0;
  std::string name;
  Bytes token_digest;
  long long created_at = 0;
  std::optional<long long> expires_at = {};
  std::optional<long long> last_used_at = {};
  std::optional<long long> revoked_at = {};
};

// A login session; like tokens, stored as the SHA-256 of the bearer value.
struct AdminSession {
  Id id = 0;
  Id admin_id = 0;
  Bytes token_digest;
  std::string client_address;
  long long created_at = 0;
  long long expires_at = 0;
};

struct Page {
  int limit = 100;
  int offset = 0;
};

// Initialized members, so that designated initializers may name only the conditions wanted.
struct CertificateFilter {
  std::optional<Id> endpoint_id = {};
  std::optional<Id> account_id = {};
  std::optional<std::string> status = {};
  std::optional<std::string> serial = {};  // exactly, as stored (lower-case hex)
  // Text within, ignoring ASCII case.
  std::optional<std::string> subject_contains = {};
  std::optional<std::string> alt_names_contains = {};
  std::optional<long long> not_after_before = {};    // not_after < this
  std::optional<long long> not_after_at_least = {};  // not_after >= this
  Page page = {};
};

}  // namespace scepter::store
