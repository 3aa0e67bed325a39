#pragma once
// The one storage interface; sql/ implements it once for SQLite (sqlite/) and PostgreSQL
// (postgres/). Implementations are thread-safe: the server calls them from every handler thread
// at once.
//
// Errors: not_found for a missing row, conflict (with `field` set) for a uniqueness violation,
// store for everything else. Every method is one database transaction: it happens whole or not.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace scepter::store {

class Store {
 public:
  virtual ~Store() = default;

  // Bumped by every write to configuration (endpoints and their delegations, accounts, RA
  // certificates, CAs, profiles, organizations, departments): readers cache what they derive from
  // it and reload when it moves.
  virtual Result<long long> config_generation() = 0;
  // config_generation() for checks on every request: a value read at most `max_age` ago.
  // Changes made through this Store object show at once; changes made elsewhere (the CLI in
  // another process, other nodes) within max_age. The default reads the database every time.
  virtual Result<long long> recent_config_generation(std::chrono::milliseconds /*max_age*/) {
    return config_generation();
  }

  virtual Result<Organization> create_organization(const Organization& org) = 0;
  virtual Result<Organization> get_organization(Id id) = 0;
  virtual Result<Organization> find_organization(const std::string& name) = 0;
  virtual Result<std::vector<Organization>> list_organizations() = 0;
  // Renames in place: departments, accounts and endpoints refer to it by id. conflict (field
  // "name") when the name is taken, not_found when there is no such organization.
  virtual Result<Organization> rename_organization(Id id, const std::string& name) = 0;
  // conflict while anything belongs to it or names it (departments, accounts, endpoints, admins,
  // delegations); issued certificates keep their subjects and do not count.
  virtual Status delete_organization(Id id) = 0;

  virtual Result<Department> create_department(const Department& dept) = 0;
  virtual Result<Department> get_department(Id id) = 0;
  virtual Result<Department> find_department(Id organization_id, const std::string& name) = 0;
  virtual Result<std::vector<Department>> list_departments(std::optional<Id> organization_id) = 0;
  // The organization stays; conflict (field "name") when it has another department of that name.
  virtual Result<Department> rename_department(Id id, const std::string& name) = 0;
  // conflict while accounts, endpoints, admins or delegations refer to it.
  virtual Status delete_department(Id id) = 0;

  virtual Result<Profile> create_profile(const Profile& profile) = 0;
  virtual Result<Profile> get_profile(Id id) = 0;
  virtual Result<Profile> find_profile(const std::string& name) = 0;
  virtual Result<std::vector<Profile>> list_profiles() = 0;
  // Replaces every field but id and created_at (the admin layer decides which may change).
  virtual Result<Profile> update_profile(const Profile& profile) = 0;
  // conflict while accounts or endpoints use it.
  virtual Status delete_profile(Id id) = 0;

  virtual Result<CaRecord> create_ca(const CaRecord& ca) = 0;
  virtual Result<CaRecord> get_ca(Id id) = 0;
  virtual Result<std::vector<CaRecord>> list_cas() = 0;
  // Atomically: the current "issuing" CA becomes "retired" and `next_id` becomes "issuing".
  virtual Status activate_ca(Id next_id) = 0;

  virtual Result<RaCertificate> create_ra_certificate(const RaCertificate& ra) = 0;
  virtual Result<RaCertificate> get_ra_certificate(Id id) = 0;
  virtual Result<RaCertificate> find_ra_certificate(const std::string& name) = 0;
  virtual Result<std::vector<RaCertificate>> list_ra_certificates() = 0;

  // Azure accounts (conflict, field "name", when the name is taken; delete refused with conflict
  // while an endpoint refers to the account).
  virtual Result<AzureAccount> create_azure_account(const AzureAccount& account) = 0;
  virtual Result<AzureAccount> update_azure_account(const AzureAccount& account) = 0;
  virtual Status delete_azure_account(Id id) = 0;
  virtual Result<AzureAccount> get_azure_account(Id id) = 0;
  virtual Result<AzureAccount> find_azure_account(const std::string& name) = 0;
  virtual Result<std::vector<AzureAccount>> list_azure_accounts() = 0;
  // Replaces the account's delegations (meaningful when its delegation is "customized").
  virtual Status set_azure_delegations(Id azure_account_id,
                                       const std::vector<Delegation>& delegations) = 0;
  virtual Result<std::vector<Delegation>> list_azure_delegations(Id azure_account_id) = 0;

  virtual Result<Endpoint> create_endpoint(const Endpoint& endpoint) = 0;
  virtual Result<Endpoint> update_endpoint(const Endpoint& endpoint) = 0;
  // With force, also deletes its accounts and transactions; certificates keep their rows
  // (endpoint_id then names a deleted endpoint) so that revocation and CRLs stay complete.
  virtual Status delete_endpoint(Id id) = 0;
  virtual Result<Endpoint> get_endpoint(Id id) = 0;
  virtual Result<Endpoint> find_endpoint(const std::string& uri_extension) = 0;
  virtual Result<std::vector<Endpoint>> list_endpoints() = 0;
  // Replaces the endpoint's delegations with `delegations`.
  virtual Status set_delegations(Id endpoint_id, const std::vector<Delegation>& delegations) = 0;
  virtual Result<std::vector<Delegation>> list_delegations(Id endpoint_id) = 0;

  virtual Result<Account> create_account(const Account& account) = 0;
  virtual Result<Account> get_account(Id id) = 0;
  virtual Result<Account> find_account(Id endpoint_id, const std::string& name) = 0;
  virtual Result<std::optional<Account>> find_account_by_code(Id endpoint_id, ByteView digest) = 0;
  virtual Result<std::vector<Account>> list_accounts(Id endpoint_id) = 0;
  virtual Status update_access_code(Id account_id, ByteView digest, long long at) = 0;
  virtual Status delete_account(Id id) = 0;
  virtual Result<long long> count_accounts(Id endpoint_id) = 0;

  virtual Result<std::optional<Transaction>> find_transaction(
      Id endpoint_id, const std::string& transaction_id) = 0;
  // Inserts a pending transaction; conflict if (endpoint, transaction_id) exists.
  virtual Result<Transaction> create_pending(const Transaction& tx) = 0;
  // One transaction: the certificate row and the transaction (inserted, or moved from pending
  // to issued). conflict if the serial or (endpoint, transaction_id) is already taken.
  virtual Status record_issuance(const Transaction& tx, const CertificateRecord& cert) = 0;
  // Moves a pending transaction to rejected with a reason.
  virtual Status reject_pending(Id endpoint_id, const std::string& transaction_id,
                                const std::string& reason, long long at) = 0;
  virtual Result<std::vector<Transaction>> list_pending(std::optional<Id> endpoint_id) = 0;

  virtual Result<CertificateRecord> get_certificate(const std::string& serial_hex) = 0;
  virtual Result<std::vector<CertificateRecord>> list_certificates(const CertificateFilter& f) = 0;
  virtual Result<long long> count_certificates(Id endpoint_id) = 0;
  // conflict if already revoked.
  virtual Status revoke_certificate(const std::string& serial_hex, int reason, long long at) = 0;
  // Returns a certificate revoked with reason kCertificateHold to valid, without revocation time
  // or reason. The statement that releases it is the one that checks it is on hold, so that of two
  // racing releases, or a release racing another revocation, one wins and the other gets conflict
  // (field "status") as when the certificate is valid or revoked for another reason. not_found
  // for an unknown serial.
  virtual Status release_certificate_hold(const std::string& serial_hex) = 0;
  virtual Result<std::vector<CertificateRecord>> list_revoked(Id ca_id) = 0;

  virtual Result<std::optional<CrlRecord>> latest_crl(Id ca_id) = 0;
  virtual Status save_crl(const CrlRecord& crl) = 0;

  virtual Status record_rejection(const Rejection& rejection) = 0;
  virtual Result<std::vector<Rejection>> list_rejections(Id endpoint_id, Page page) = 0;

  // Failed-attempt counters for throttling: adds one failure for `key` at `now` and returns how
  // many fall within the last `window_seconds`.
  virtual Result<int> add_failure(const std::string& key, long long now, int window_seconds) = 0;
  virtual Result<int> count_failures(const std::string& key, long long now, int window_seconds) = 0;

  virtual Status append_audit(const AuditEvent& event) = 0;
  virtual Result<std::vector<AuditEvent>> list_audit(Page page) = 0;

  // Admins of the REST API (conflict, field "username", when the name is taken).
  virtual Result<Admin> create_admin(const Admin& admin) = 0;
  virtual Result<Admin> get_admin(Id id) = 0;
  virtual Result<Admin> find_admin(const std::string& username) = 0;
  virtual Result<std::vector<Admin>> list_admins() = 0;
  virtual Status record_login(Id admin_id, long long at) = 0;
  // One transaction: the admin is disabled, every API token of theirs still usable is revoked at
  // `at` and every session ended, so that enabling them again brings none of those back.
  // not_found for an unknown id.
  virtual Status disable_admin(Id admin_id, long long at) = 0;
  virtual Status enable_admin(Id admin_id) = 0;

  virtual Result<ApiToken> create_api_token(const ApiToken& token) = 0;
  // not_found when no token has that digest (revoked and expired ones are still found).
  virtual Result<ApiToken> find_api_token(ByteView token_digest) = 0;
  virtual Result<std::vector<ApiToken>> list_api_tokens(std::optional<Id> admin_id) = 0;
  // not_found for an unknown id; revoking twice keeps the first time.
  virtual Status revoke_api_token(Id id, long long at) = 0;

  // Also deletes sessions that expired before `session.created_at`.
  virtual Result<AdminSession> create_session(const AdminSession& session) = 0;
  virtual Result<AdminSession> find_session(ByteView token_digest) = 0;
  virtual Status delete_session(ByteView token_digest) = 0;

  // A named lease that at most one node holds at a time (the Intune revocation poller of an
  // Azure account, say). Granted when free, expired, or already held by `holder`; the lease then
  // runs until now + ttl_seconds. Returns whether `holder` holds it.
  virtual Result<bool> acquire_lease(const std::string& name, const std::string& holder,
                                     long long now, int ttl_seconds) = 0;
  virtual Status release_lease(const std::string& name, const std::string& holder) = 0;

  virtual Result<std::optional<std::string>> get_setting(const std::string& key) = 0;
  virtual Status set_setting(const std::string& key, const std::string& value) = 0;
};

}  // namespace scepter::store
