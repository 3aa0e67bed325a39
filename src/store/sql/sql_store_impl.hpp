#pragma once
// The store over SQL, one implementation for every engine: the files sql_store_*.cpp implement
// its methods by area, with statements that SQLite and PostgreSQL both run; a Backend supplies
// the connections and the transactions.

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>

#include "store/sql/backend.hpp"
#include "store/store.hpp"

namespace scepter::store::sql {

// Every write to configuration runs this first inside its transaction (config_write): the row
// lock it takes queues configuration writers of all processes and nodes one behind the other,
// so that their read-then-write bodies (activate_ca, delegations, deletions) see every earlier
// commit.
Status bump_config_generation(Connection& connection);

// invalid (field "limit" or "offset") for a negative bound.
Status check_page(const Page& page);

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

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::unique_ptr<Backend> backend) : backend_(std::move(backend)) {}

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
  Status release_certificate_hold(const std::string& serial_hex) override;
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
  Status disable_admin(Id admin_id, long long at) override;
  Status enable_admin(Id admin_id) override;

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

  template <class Body>
  BodyResult<Body> read(Body body) {
    return through(body, [&](Backend::Body erased) { return backend_->read(erased); });
  }

  template <class Body>
  BodyResult<Body> write(Body body) {
    return through(body, [&](Backend::Body erased) { return backend_->write(erased); });
  }

  // A write to configuration (see Store::config_generation). Only these are counted: the
  // certificates, requests and audit rows of an enrollment leave the generation where it was.
  template <class Body>
  BodyResult<Body> config_write(Body body) {
    CountedWrite counted(config_writes_);
    return write([&](Connection& connection) -> BodyResult<Body> {
      SCEPTER_CHECK(bump_config_generation(connection));
      return body(connection);
    });
  }

  // Hands `body` to the backend as a Status callback, carrying its value out.
  template <class Body, class Run>
  static BodyResult<Body> through(Body& body, Run run) {
    using R = BodyResult<Body>;
    if constexpr (std::is_same_v<R, Status>) {
      return run(body);
    } else {
      R result = std::unexpected(Error{});  // the body's, once it has run
      SCEPTER_CHECK(run([&](Connection& connection) -> Status {
        result = body(connection);
        if (!result) return std::unexpected(result.error());
        return {};
      }));
      return result;
    }
  }

  // Counts a configuration write once it is over, committed or not: a generation read before
  // then may be stale.
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

  std::unique_ptr<Backend> backend_;
  std::atomic<unsigned> failures_added_{0};
  std::atomic<unsigned long long> config_writes_{0};
  std::mutex recent_mutex_;
  std::optional<RecentGeneration> recent_generation_;
};

}  // namespace scepter::store::sql
