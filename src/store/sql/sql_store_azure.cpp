// Azure accounts of Intune endpoints and their delegations.
#include "store/sql/sql_store_impl.hpp"
#include "store/sql/statements.hpp"

namespace scepter::store::sql {
namespace {

#define AZURE_COLUMNS                                                                 \
  "name, environment, tenant_id, client_id, client_secret_encrypted, authority_url, " \
  "graph_url, intune_url, trust_ca_pem, delegation"
#define AZURE_SELECT "SELECT id, created_at, " AZURE_COLUMNS " FROM azure_accounts"

Result<AzureAccount> read_azure_account(const Query& q) {
  return AzureAccount{.id = q.integer(0),
                      .name = q.text(2),
                      .environment = q.text(3),
                      .tenant_id = q.text(4),
                      .client_id = q.text(5),
                      .client_secret_encrypted = q.blob(6),
                      .authority_url = q.text(7),
                      .graph_url = q.text(8),
                      .intune_url = q.text(9),
                      .trust_ca_pem = q.text(10),
                      .delegation = q.text(11),
                      .created_at = q.integer(1)};
}

// Binds the AZURE_COLUMNS values, in order, then `rest`.
template <class... Rest>
Result<std::unique_ptr<Query>> prepare_azure_account(Connection& c, std::string_view sql,
                                                     const AzureAccount& a, const Rest&... rest) {
  return prepare_bound(c, sql, a.name, a.environment, a.tenant_id, a.client_id,
                       a.client_secret_encrypted, a.authority_url, a.graph_url, a.intune_url,
                       a.trust_ca_pem, a.delegation, rest...);
}

Status expect_azure_account(Connection& c, Id id) {
  SCEPTER_TRY(long long found,
              select_integer(c, "SELECT COUNT(*) FROM azure_accounts WHERE id = ?", id));
  return expect_found(found, "Azure account");
}

}  // namespace

Result<AzureAccount> SqlStore::create_azure_account(const AzureAccount& account) {
  return config_write([&](Connection& c) -> Result<AzureAccount> {
    SCEPTER_TRY(auto query, prepare_azure_account(c,
                                                  "INSERT INTO azure_accounts (" AZURE_COLUMNS
                                                  ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                                                  "?, ?, ?) RETURNING id",
                                                  account, account.created_at));
    AzureAccount created = account;
    SCEPTER_TRY(created.id, query->run_returning_id());
    return created;
  });
}

Result<AzureAccount> SqlStore::update_azure_account(const AzureAccount& account) {
  return config_write([&](Connection& c) -> Result<AzureAccount> {
    SCEPTER_TRY(auto query,
                prepare_azure_account(c,
                                      "UPDATE azure_accounts SET name = ?, environment = ?, "
                                      "tenant_id = ?, client_id = ?, client_secret_encrypted = ?, "
                                      "authority_url = ?, graph_url = ?, intune_url = ?, "
                                      "trust_ca_pem = ?, delegation = ? WHERE id = ?",
                                      account, account.id));
    SCEPTER_CHECK(query->run());
    SCEPTER_CHECK(expect_found(query->changes(), "Azure account"));
    return select_one(c, "Azure account", read_azure_account, AZURE_SELECT " WHERE id = ?",
                      account.id);
  });
}

Status SqlStore::delete_azure_account(Id id) {
  return config_write([&](Connection& c) -> Status {
    SCEPTER_TRY(long long users,
                select_integer(c, "SELECT COUNT(*) FROM endpoints WHERE azure_account_id = ?", id));
    if (users > 0) {
      return fail(ErrorCategory::conflict, "the Azure account is used by an endpoint");
    }
    SCEPTER_CHECK(run(c, "DELETE FROM azure_account_delegations WHERE azure_account_id = ?", id));
    SCEPTER_TRY(long long deleted, execute(c, "DELETE FROM azure_accounts WHERE id = ?", id));
    SCEPTER_CHECK(expect_found(deleted, "Azure account"));
    return {};
  });
}

Result<AzureAccount> SqlStore::get_azure_account(Id id) {
  return read([&](Connection& c) {
    return select_one(c, "Azure account", read_azure_account, AZURE_SELECT " WHERE id = ?", id);
  });
}

Result<AzureAccount> SqlStore::find_azure_account(const std::string& name) {
  return read([&](Connection& c) {
    return select_one(c, "Azure account", read_azure_account, AZURE_SELECT " WHERE name = ?", name);
  });
}

Result<std::vector<AzureAccount>> SqlStore::list_azure_accounts() {
  return read([&](Connection& c) {
    return select_all(c, read_azure_account, AZURE_SELECT " ORDER BY id");
  });
}

Status SqlStore::set_azure_delegations(Id azure_account_id,
                                       const std::vector<Delegation>& delegations) {
  return config_write([&](Connection& c) -> Status {
    SCEPTER_CHECK(expect_azure_account(c, azure_account_id));
    SCEPTER_CHECK(replace_delegations(c, kAzureAccountDelegations, azure_account_id, delegations));
    return {};
  });
}

Result<std::vector<Delegation>> SqlStore::list_azure_delegations(Id azure_account_id) {
  return read([&](Connection& c) {
    return select_delegations(c, kAzureAccountDelegations, azure_account_id);
  });
}

}  // namespace scepter::store::sql
