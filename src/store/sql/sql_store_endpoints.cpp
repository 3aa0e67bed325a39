// Endpoints, their delegations, and their accounts.
#include "store/sql/sql_store_impl.hpp"
#include "store/sql/statements.hpp"

namespace scepter::store::sql {
namespace {

#define ENDPOINT_COLUMNS                                                              \
  "name, uri_extension, type, cert_type, ra_certificate_id, getcacert_format, "       \
  "getcert_format, delegation, enabled, allow_des3, organization_id, department_id, " \
  "profile_id, term_days, azure_account_id"
#define ENDPOINT_SELECT "SELECT id, created_at, " ENDPOINT_COLUMNS " FROM endpoints"

Result<Endpoint> read_endpoint(const Query& q) {
  return Endpoint{.id = q.integer(0),
                  .name = q.text(2),
                  .uri_extension = q.text(3),
                  .type = q.text(4),
                  .cert_type = q.text(5),
                  .ra_certificate_id = q.integer(6),
                  .getcacert_format = q.text(7),
                  .getcert_format = q.text(8),
                  .delegation = q.text(9),
                  .enabled = q.integer(10) != 0,
                  .allow_des3 = q.integer(11) != 0,
                  .organization_id = q.optional_integer(12),
                  .department_id = q.optional_integer(13),
                  .profile_id = q.optional_integer(14),
                  .term_days = q.optional_integer<int>(15),
                  .azure_account_id = q.optional_integer(16),
                  .created_at = q.integer(1)};
}

// Binds the ENDPOINT_COLUMNS values, in order, then `rest`.
template <class... Rest>
Result<std::unique_ptr<Query>> prepare_endpoint(Connection& c, std::string_view sql,
                                                const Endpoint& e, const Rest&... rest) {
  return prepare_bound(c, sql, e.name, e.uri_extension, e.type, e.cert_type, e.ra_certificate_id,
                       e.getcacert_format, e.getcert_format, e.delegation, e.enabled, e.allow_des3,
                       e.organization_id, e.department_id, e.profile_id, e.term_days,
                       e.azure_account_id, rest...);
}

#define ACCOUNT_SELECT                                                                    \
  "SELECT id, endpoint_id, name, organization_id, department_id, profile_id, term_days, " \
  "access_code_digest, created_at, code_rotated_at FROM accounts"

Result<Account> read_account(const Query& q) {
  return Account{.id = q.integer(0),
                 .endpoint_id = q.integer(1),
                 .name = q.text(2),
                 .organization_id = q.integer(3),
                 .department_id = q.optional_integer(4).value_or(0),
                 .profile_id = q.integer(5),
                 .term_days = static_cast<int>(q.integer(6)),
                 .access_code_digest = q.blob(7),
                 .created_at = q.integer(8),
                 .code_rotated_at = q.integer(9)};
}

std::optional<Id> optional_id(Id id) {
  return id == 0 ? std::nullopt : std::optional<Id>(id);
}

}  // namespace

Result<Endpoint> SqlStore::create_endpoint(const Endpoint& endpoint) {
  return config_write([&](Connection& c) -> Result<Endpoint> {
    SCEPTER_TRY(auto query, prepare_endpoint(c,
                                             "INSERT INTO endpoints (" ENDPOINT_COLUMNS
                                             ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                             "?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                             endpoint, endpoint.created_at));
    Endpoint created = endpoint;
    SCEPTER_TRY(created.id, query->run_returning_id());
    return created;
  });
}

Result<Endpoint> SqlStore::update_endpoint(const Endpoint& endpoint) {
  return config_write([&](Connection& c) -> Result<Endpoint> {
    SCEPTER_TRY(auto query,
                prepare_endpoint(c,
                                 "UPDATE endpoints SET name = ?, uri_extension = ?, type = ?, "
                                 "cert_type = ?, ra_certificate_id = ?, getcacert_format = ?, "
                                 "getcert_format = ?, delegation = ?, enabled = ?, "
                                 "allow_des3 = ?, organization_id = ?, department_id = ?, "
                                 "profile_id = ?, term_days = ?, azure_account_id = ? "
                                 "WHERE id = ?",
                                 endpoint, endpoint.id));
    SCEPTER_CHECK(query->run());
    SCEPTER_CHECK(expect_found(query->changes(), "endpoint"));
    return select_one(c, "endpoint", read_endpoint, ENDPOINT_SELECT " WHERE id = ?", endpoint.id);
  });
}

Status SqlStore::delete_endpoint(Id id) {
  return config_write([&](Connection& c) -> Status {
    // Certificates are kept: they have no foreign key to the endpoint.
    SCEPTER_CHECK(run(c, "DELETE FROM endpoint_delegations WHERE endpoint_id = ?", id));
    SCEPTER_CHECK(run(c, "DELETE FROM transactions WHERE endpoint_id = ?", id));
    SCEPTER_CHECK(run(c, "DELETE FROM accounts WHERE endpoint_id = ?", id));
    SCEPTER_CHECK(run(c, "DELETE FROM enrollment_rejections WHERE endpoint_id = ?", id));
    SCEPTER_TRY(long long deleted, execute(c, "DELETE FROM endpoints WHERE id = ?", id));
    SCEPTER_CHECK(expect_found(deleted, "endpoint"));
    return {};
  });
}

Result<Endpoint> SqlStore::get_endpoint(Id id) {
  return read([&](Connection& c) {
    return select_one(c, "endpoint", read_endpoint, ENDPOINT_SELECT " WHERE id = ?", id);
  });
}

Result<Endpoint> SqlStore::find_endpoint(const std::string& uri_extension) {
  return read([&](Connection& c) {
    return select_one(c, "endpoint", read_endpoint, ENDPOINT_SELECT " WHERE uri_extension = ?",
                      uri_extension);
  });
}

Result<std::vector<Endpoint>> SqlStore::list_endpoints() {
  return read(
      [&](Connection& c) { return select_all(c, read_endpoint, ENDPOINT_SELECT " ORDER BY id"); });
}

Status SqlStore::set_delegations(Id endpoint_id, const std::vector<Delegation>& delegations) {
  return config_write([&](Connection& c) -> Status {
    SCEPTER_TRY(long long found,
                select_integer(c, "SELECT COUNT(*) FROM endpoints WHERE id = ?", endpoint_id));
    SCEPTER_CHECK(expect_found(found, "endpoint"));
    SCEPTER_CHECK(replace_delegations(c, kEndpointDelegations, endpoint_id, delegations));
    return {};
  });
}

Result<std::vector<Delegation>> SqlStore::list_delegations(Id endpoint_id) {
  return read(
      [&](Connection& c) { return select_delegations(c, kEndpointDelegations, endpoint_id); });
}

Result<Account> SqlStore::create_account(const Account& account) {
  return config_write([&](Connection& c) -> Result<Account> {
    Account created = account;
    SCEPTER_TRY(created.id,
                insert(c,
                       "INSERT INTO accounts (endpoint_id, name, organization_id, department_id, "
                       "profile_id, term_days, access_code_digest, created_at, code_rotated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       account.endpoint_id, account.name, account.organization_id,
                       optional_id(account.department_id), account.profile_id, account.term_days,
                       account.access_code_digest, account.created_at, account.code_rotated_at));
    return created;
  });
}

Result<Account> SqlStore::get_account(Id id) {
  return read([&](Connection& c) {
    return select_one(c, "account", read_account, ACCOUNT_SELECT " WHERE id = ?", id);
  });
}

Result<Account> SqlStore::find_account(Id endpoint_id, const std::string& name) {
  return read([&](Connection& c) {
    return select_one(c, "account", read_account,
                      ACCOUNT_SELECT " WHERE endpoint_id = ? AND name = ?", endpoint_id, name);
  });
}

Result<std::optional<Account>> SqlStore::find_account_by_code(Id endpoint_id, ByteView digest) {
  // The digest is keyed, so an indexed equality lookup reveals nothing about the code.
  return read([&](Connection& c) {
    return select_optional(c, read_account,
                           ACCOUNT_SELECT
                           " WHERE endpoint_id = ? AND access_code_digest = ? "
                           "ORDER BY id LIMIT 1",
                           endpoint_id, digest);
  });
}

Result<std::vector<Account>> SqlStore::list_accounts(Id endpoint_id) {
  return read([&](Connection& c) {
    return select_all(c, read_account, ACCOUNT_SELECT " WHERE endpoint_id = ? ORDER BY id",
                      endpoint_id);
  });
}

Status SqlStore::update_access_code(Id account_id, ByteView digest, long long at) {
  return config_write([&](Connection& c) -> Status {
    SCEPTER_TRY(long long changed,
                execute(c,
                        "UPDATE accounts SET access_code_digest = ?, code_rotated_at = ? "
                        "WHERE id = ?",
                        digest, at, account_id));
    SCEPTER_CHECK(expect_found(changed, "account"));
    return {};
  });
}

Status SqlStore::delete_account(Id id) {
  return config_write([&](Connection& c) -> Status {
    SCEPTER_TRY(long long deleted, execute(c, "DELETE FROM accounts WHERE id = ?", id));
    SCEPTER_CHECK(expect_found(deleted, "account"));
    return {};
  });
}

Result<long long> SqlStore::count_accounts(Id endpoint_id) {
  return read([&](Connection& c) {
    return select_integer(c, "SELECT COUNT(*) FROM accounts WHERE endpoint_id = ?", endpoint_id);
  });
}

}  // namespace scepter::store::sql
