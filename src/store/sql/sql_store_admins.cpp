// Admins of the REST API, their API tokens and their login sessions.
#include "store/sql/sql_store_impl.hpp"
#include "store/sql/statements.hpp"

namespace scepter::store::sql {
namespace {

#define ADMIN_COLUMNS                                                                         \
  "id, username, password_hash, role, organization_id, department_id, disabled, created_at, " \
  "last_login_at"
#define TOKEN_COLUMNS \
  "id, admin_id, name, token_digest, created_at, expires_at, last_used_at, revoked_at"
#define SESSION_COLUMNS "id, admin_id, token_digest, client_address, created_at, expires_at"

Result<Admin> read_admin(const Query& q) {
  return Admin{.id = q.integer(0),
               .username = q.text(1),
               .password_hash = q.text(2),
               .role = q.text(3),
               .organization_id = q.optional_integer(4),
               .department_id = q.optional_integer(5),
               .disabled = q.integer(6) != 0,
               .created_at = q.integer(7),
               .last_login_at = q.optional_integer<long long>(8)};
}

Result<ApiToken> read_token(const Query& q) {
  return ApiToken{.id = q.integer(0),
                  .admin_id = q.integer(1),
                  .name = q.text(2),
                  .token_digest = q.blob(3),
                  .created_at = q.integer(4),
                  .expires_at = q.optional_integer<long long>(5),
                  .last_used_at = q.optional_integer<long long>(6),
                  .revoked_at = q.optional_integer<long long>(7)};
}

Result<AdminSession> read_session(const Query& q) {
  return AdminSession{.id = q.integer(0),
                      .admin_id = q.integer(1),
                      .token_digest = q.blob(2),
                      .client_address = q.text(3),
                      .created_at = q.integer(4),
                      .expires_at = q.integer(5)};
}

}  // namespace

Result<Admin> SqlStore::create_admin(const Admin& admin) {
  return write([&](Connection& c) -> Result<Admin> {
    SCEPTER_TRY(
        const Id id,
        insert(c,
               "INSERT INTO admins (username, password_hash, role, organization_id, "
               "department_id, disabled, created_at, last_login_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               admin.username, admin.password_hash, admin.role, admin.organization_id,
               admin.department_id, admin.disabled ? 1 : 0, admin.created_at, admin.last_login_at));
    Admin created = admin;
    created.id = id;
    return created;
  });
}

Result<Admin> SqlStore::get_admin(Id id) {
  return read([&](Connection& c) {
    return select_one(c, "admin", read_admin, "SELECT " ADMIN_COLUMNS " FROM admins WHERE id = ?",
                      id);
  });
}

Result<Admin> SqlStore::find_admin(const std::string& username) {
  return read([&](Connection& c) {
    return select_one(c, "admin", read_admin,
                      "SELECT " ADMIN_COLUMNS " FROM admins WHERE username = ?", username);
  });
}

Result<std::vector<Admin>> SqlStore::list_admins() {
  return read([&](Connection& c) {
    return select_all(c, read_admin, "SELECT " ADMIN_COLUMNS " FROM admins ORDER BY username");
  });
}

Status SqlStore::record_login(Id admin_id, long long at) {
  return write([&](Connection& c) -> Status {
    SCEPTER_TRY(const long long rows,
                execute(c, "UPDATE admins SET last_login_at = ? WHERE id = ?", at, admin_id));
    return expect_found(rows, "admin");
  });
}

Status SqlStore::disable_admin(Id admin_id, long long at) {
  return write([&](Connection& c) -> Status {
    SCEPTER_TRY(const long long rows,
                execute(c, "UPDATE admins SET disabled = 1 WHERE id = ?", admin_id));
    SCEPTER_CHECK(expect_found(rows, "admin"));
    SCEPTER_CHECK(run(c,
                      "UPDATE api_tokens SET revoked_at = ? WHERE admin_id = ? AND "
                      "revoked_at IS NULL",
                      at, admin_id));
    return run(c, "DELETE FROM admin_sessions WHERE admin_id = ?", admin_id);
  });
}

Status SqlStore::enable_admin(Id admin_id) {
  return write([&](Connection& c) -> Status {
    SCEPTER_TRY(const long long rows,
                execute(c, "UPDATE admins SET disabled = 0 WHERE id = ?", admin_id));
    return expect_found(rows, "admin");
  });
}

Result<ApiToken> SqlStore::create_api_token(const ApiToken& token) {
  return write([&](Connection& c) -> Result<ApiToken> {
    SCEPTER_TRY(const Id id,
                insert(c,
                       "INSERT INTO api_tokens (admin_id, name, token_digest, created_at, "
                       "expires_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING id",
                       token.admin_id, token.name, token.token_digest, token.created_at,
                       token.expires_at, token.last_used_at, token.revoked_at));
    ApiToken created = token;
    created.id = id;
    return created;
  });
}

Result<ApiToken> SqlStore::find_api_token(ByteView token_digest) {
  return read([&](Connection& c) {
    return select_one(c, "API token", read_token,
                      "SELECT " TOKEN_COLUMNS " FROM api_tokens WHERE token_digest = ?",
                      token_digest);
  });
}

Result<std::vector<ApiToken>> SqlStore::list_api_tokens(std::optional<Id> admin_id) {
  return read([&](Connection& c) {
    return select_all(c, read_token,
                      "SELECT " TOKEN_COLUMNS
                      " FROM api_tokens "
                      "WHERE CAST(? AS BIGINT) IS NULL OR admin_id = ? ORDER BY id",
                      admin_id, admin_id);
  });
}

Status SqlStore::revoke_api_token(Id id, long long at) {
  return write([&](Connection& c) -> Status {
    SCEPTER_TRY(
        const long long rows,
        execute(c, "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", at,
                id));
    return expect_found(rows, "API token");
  });
}

Result<AdminSession> SqlStore::create_session(const AdminSession& session) {
  return write([&](Connection& c) -> Result<AdminSession> {
    SCEPTER_CHECK(run(c, "DELETE FROM admin_sessions WHERE expires_at <= ?", session.created_at));
    SCEPTER_TRY(const Id id,
                insert(c,
                       "INSERT INTO admin_sessions (admin_id, token_digest, client_address, "
                       "created_at, expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                       session.admin_id, session.token_digest, session.client_address,
                       session.created_at, session.expires_at));
    AdminSession created = session;
    created.id = id;
    return created;
  });
}

Result<AdminSession> SqlStore::find_session(ByteView token_digest) {
  return read([&](Connection& c) {
    return select_one(c, "session", read_session,
                      "SELECT " SESSION_COLUMNS " FROM admin_sessions WHERE token_digest = ?",
                      token_digest);
  });
}

Status SqlStore::delete_session(ByteView token_digest) {
  return write([&](Connection& c) {
    return run(c, "DELETE FROM admin_sessions WHERE token_digest = ?", token_digest);
  });
}

}  // namespace scepter::store::sql
