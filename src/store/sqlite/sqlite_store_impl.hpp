#pragma once
// The SQLite Store's class, shared by the files that implement its methods by area.

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <type_traits>

#include "store/sqlite/connection_pool.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/transaction.hpp"
#include "store/store.hpp"

namespace scepter::store::sqlite {

// Every write to configuration calls this inside its transaction (see Store::config_generation).
Status bump_config_generation(Connection& connection);

// Endpoints and Azure accounts are delegated alike, each in its own table.
struct DelegationTable {
  const char* table;
  const char* owner_column;
};
inline constexpr DelegationTable kEndpointDelegations{"endpoint_delegations", "endpoint_id"};
inline constexpr DelegationTable kAzureAccountDelegations{"azure_account_delegations",
                                                          "azure_account_id"};
// Replaces the owner's rows with `delegations` (inside the caller's transaction).
Status replace_delegations(Connection& connection, DelegationTable table, Id owner,
                           const std::vector<Delegation>& delegations);
Result<std::vector<Delegation>> select_delegations(Connection& connection, DelegationTable table,
                                                   Id owner);

// invalid (field "limit" or "offset") for a negative bound.
Status check_page(const Page& page);

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, const SqliteOptions& options);
  Status migrate();

  Result<long long> config_generation() override;
  Result<long long> recent_config_generation(std::chrono::milliseconds max_age) override;

  Result<Organization> create_organization(const Organization& org) override;
  Result<Organization> get_organization(Id id) override;
  Result<Organization> find_organization(const std::string& name) override;
  Result<std::vector<Organization>> list_organizations() override;
  Result<Organization> rename_organization(Id id, const std::string& name) override;
  Status delete_organization(Id id) override;

  Result<Department> create_department(const Department& dept) override;
  Result<Department> get_department(Id id) override;
  Result<Department> find_department(Id organization_id, const std::string& name) override;
  Result<std::vector<Department>> list_departments(std::optional<Id> organization_id) override;
  Result<Department> rename_department(Id id, const std::string& name) override;
  Status delete_department(Id id) override;

  Result<Profile> create_profile(const Profile& profile) override;
  Result<Profile> get_profile(Id id) override;
  Result<Profile> find_profile(const std::string& name) override;
  Result<std::vector<Profile>> list_profiles() override;
  Result<Profile> update_profile(const Profile& profile) override;
  Status delete_profile(Id id) override;

  Result<CaRecord> create_ca(const CaRecord& ca) override;
  Result<CaRecord> get_ca(Id id) override;
  Result<std::vector<CaRecord>> list_cas() override;
  Status activate_ca(Id next_id) override;

  Result<RaCertificate> create_ra_certificate(const RaCertificate& ra) override;
  Result<RaCertificate> get_ra_certificate(Id id) override;
  Result<RaCertificate> find_ra_certificate(const std::string& name) override;
  Result<std::vector<RaCertificate>> list_ra_certificates() override;

  Result<Endpoint> create_endpoint(const Endpoint& endpoint) override;
  Result<Endpoint> update_endpoint(const Endpoint& endpoint) override;
  Status delete_endpoint(Id id) override;
  Result<Endpoint> get_endpoint(Id id) override;
  Result<Endpoint> find_endpoint(const std::string& uri_extension) override;
  Result<std::vector<Endpoint>> list_endpoints() override;
  Status set_delegations(Id endpoint_id, const std::vector<Delegation>& delegations) override;
  Result<std::vector<Delegation>> list_delegations(Id endpoint_id) override;

  Result<AzureAccount> create_azure_account(const AzureAccount& account) override;
  Result<AzureAccount> update_azure_account(const AzureAccount& account) override;
  Status delete_azure_account(Id id) override;
  Result<AzureAccount> get_azure_account(Id id) override;
  Result<AzureAccount> find_azure_account(const std::string& name) override;
  Result<std::vector<AzureAccount>> list_azure_accounts() override;
  Status set_azure_delegations(Id azure_account_id,
                               const std::vector<Delegation>& delegations) override;
  Result<std::vector<Delegation>> list_azure_delegations(Id azure_account_id) override;

  Result<Account> create_account(const Account& account) override;
  Result<Account> get_account(Id id) override;
  Result<Account> find_account(Id endpoint_id, const std::string& name) override;
  Result<std::optional<Account>> find_account_by_code(Id endpoint_id, ByteView digest) override;
  Result<std::vector<Account>> list_accounts(Id endpoint_id) override;
  Status update_access_code(Id account_id, ByteView digest, long long at) override;
  Status delete_account(Id id) override;
  Result<long long> count_accounts(Id endpoint_id) override;

  Result<std::optional<Transaction>> find_transaction(Id endpoint_id,
                                                      const std::string& transaction_id) override;
  Result<Transaction> create_pending(const Transaction& tx) override;
  Status record_issuance(const Transaction& tx, const CertificateRecord& cert) override;
  Status reject_pending(Id endpoint_id, const std::string& transaction_id,
                        const std::string& reason, long long at) override;
  Result<std::vector<Transaction>> list_pending(std::optional<Id> endpoint_id) override;

  Result<CertificateRecord> get_certificate(const std::string& serial_hex) override;
  Result<std::vector<CertificateRecord>> list_certificates(const CertificateFilter& f) override;
  Result<long long> count_certificates(Id endpoint_id) override;
  Status revoke_certificate(const std::string& serial_hex, int reason, long long at) override;
  Result<std::vector<CertificateRecord>> list_revoked(Id ca_id) override;

  Result<std::optional<CrlRecord>> latest_crl(Id ca_id) override;
  Status save_crl(const CrlRecord& crl) override;

  Status record_rejection(const Rejection& rejection) override;
  Result<std::vector<Rejection>> list_rejections(Id endpoint_id, Page page) override;

  Result<int> add_failure(const std::string& key, long long now, int window_seconds) override;
  Result<int> count_failures(const std::string& key, long long now, int window_seconds) override;

  Status append_audit(const AuditEvent& event) override;
  Result<std::vector<AuditEvent>> list_audit(Page page) override;

  Result<Admin> create_admin(const Admin& admin) override;
  Result<Admin> get_admin(Id id) override;
  Result<Admin> find_admin(const std::string& username) override;
  Result<std::vector<Admin>> list_admins() override;
  Status record_login(Id admin_id, long long at) override;

  Result<ApiToken> create_api_token(const ApiToken& token) override;
  Result<ApiToken> find_api_token(ByteView token_digest) override;
  Result<std::vector<ApiToken>> list_api_tokens(std::optional<Id> admin_id) override;
  Status revoke_api_token(Id id, long long at) override;

  Result<AdminSession> create_session(const AdminSession& session) override;
  Result<AdminSession> find_session(ByteView token_digest) override;
  Status delete_session(ByteView token_digest) override;

  Result<bool> acquire_lease(const std::string& name, const std::string& holder, long long now,
                             int ttl_seconds) override;
  Status release_lease(const std::string& name, const std::string& holder) override;

  Result<std::optional<std::string>> get_setting(const std::string& key) override;
  Status set_setting(const std::string& key, const std::string& value) override;

 private:
  template <class Body>
  using BodyResult = std::invoke_result_t<Body&, Connection&>;

  // Runs `body` on a pooled connection, outside any explicit transaction (one statement, or
  // reads that need no common snapshot).
  template <class Body>
  BodyResult<Body> read(Body body) {
    SCEPTER_TRY(auto lease, pool_.acquire());
    return body(*lease);
  }

  // Runs `body` as one write transaction: committed if it succeeds, rolled back otherwise.
  // Writers of this process queue on a mutex rather than on SQLite's lock, whose busy handler
  // sleeps and polls; other processes still meet the SQLite lock and wait busy_timeout_ms.
  template <class Body>
  BodyResult<Body> write(Body body) {
    CountedWrite counted(writes_);
    SCEPTER_TRY(auto lease, pool_.acquire());
    std::lock_guard one_writer(writers_);
    SCEPTER_TRY(auto transaction, WriteTransaction::begin(*lease));
    auto result = body(*lease);
    if (!result) return result;
    SCEPTER_CHECK(transaction.commit());
    return result;
  }

  // Counts a write once it is over, committed or not: a generation read before then may be stale.
  struct CountedWrite {
    std::atomic<unsigned long long>& writes;
    ~CountedWrite() { writes.fetch_add(1, std::memory_order_release); }
  };
  // What recent_config_generation() last read, and the write count and time before that read.
  struct RecentGeneration {
    long long value = 0;
    unsigned long long writes = 0;
    std::chrono::steady_clock::time_point read_at;
  };

  ConnectionPool pool_;
  std::mutex writers_;
  std::atomic<unsigned> failures_added_{0};
  std::atomic<unsigned long long> writes_{0};
  std::mutex recent_mutex_;
  std::optional<RecentGeneration> recent_generation_;
};

}  // namespace scepter::store::sqlite
