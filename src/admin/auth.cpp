#include "admin/auth.hpp"

#include <sodium.h>

#include "admin/lookup.hpp"
#include "admin/scope.hpp"
#include "admin/validation.hpp"
#include "crypto/random.hpp"

namespace scepter::admin {
namespace {

constexpr std::string_view kSessionPrefix = "scs_";
constexpr std::string_view kApiTokenPrefix = "sct_";
constexpr std::size_t kSecretLength = 40;  // ~238 bits from 62 symbols
constexpr std::size_t kPasswordLength = 24;
constexpr std::string_view kAlphanumeric =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr int kMaxTokenDays = 3650;
constexpr long long kSecondsPerDay = 24 * 60 * 60;

Status ensure_sodium() {
  if (sodium_init() < 0)
    return fail(ErrorCategory::internal, "internal error", "sodium_init failed");
  return {};
}

Bytes digest_of(std::string_view bearer) {
  return crypto::sha256(as_bytes(bearer));
}

std::string new_secret(std::string_view prefix) {
  return std::string(prefix) + crypto::random_string(kSecretLength, kAlphanumeric);
}

Error bad_credentials() {
  return make_error(ErrorCategory::unauthorized, "invalid or expired credentials");
}

// Failed logins are counted per address and username, so that nobody can lock an admin out of
// password login from somewhere else, and per address over every username, which bounds the
// Argon2id work one source can make the server do. An address holds no space, so the first key
// cannot be read two ways.
std::string failures_of_user_from(const std::string& client_address, const std::string& username) {
  return "admin-login:" + client_address + " " + username;
}
std::string failures_from(const std::string& client_address) {
  return "admin-login-from:" + client_address;
}

Principal principal_of(const store::Admin& admin, Role role) {
  return Principal{.admin_id = admin.id,
                   .name = admin.username,
                   .role = role,
                   .organization_id = admin.organization_id,
                   .department_id = admin.department_id};
}

// Organization and department ids that the role needs, and no others.
Status resolve_scope(store::Store& store, Role role, const AdminInput& input, store::Admin& admin) {
  if (role == Role::mrao) {
    if (input.organization) {
      return fail(invalid_field("organization", "an MRAO is not bound to an organization"));
    }
    if (input.department) {
      return fail(invalid_field("department", "an MRAO is not bound to a department"));
    }
    return {};
  }
  if (!input.organization) {
    return fail(invalid_field("organization", "an RAO or DRAO needs its organization"));
  }
  SCEPTER_TRY(const auto org, organization_named(store, *input.organization));
  admin.organization_id = org.id;
  if (role == Role::rao) {
    if (input.department) {
      return fail(invalid_field("department", "an RAO manages a whole organization"));
    }
    return {};
  }
  if (!input.department) return fail(invalid_field("department", "a DRAO needs its department"));
  SCEPTER_TRY(const auto department, department_named(store, org, *input.department));
  admin.department_id = department.id;
  return {};
}

}  // namespace

Result<std::string> Auth::hash_password(const std::string& password) const {
  SCEPTER_CHECK(ensure_sodium());
  char hash[crypto_pwhash_argon2id_STRBYTES];
  if (crypto_pwhash_argon2id_str(hash, password.data(), password.size(), policy_.pwhash_ops,
                                 policy_.pwhash_memory) != 0) {
    return fail(ErrorCategory::internal, "internal error", "crypto_pwhash_argon2id_str failed");
  }
  return std::string(hash);
}

Result<AdminView> Auth::view_of(const store::Admin& admin) {
  auto& store = workspace_.store();
  AdminView view{.id = admin.id,
                 .name = admin.username,
                 .role = admin.role,
                 .disabled = admin.disabled,
                 .created_at = admin.created_at,
                 .last_login_at = admin.last_login_at};
  if (admin.organization_id) {
    SCEPTER_TRY(const auto org, store.get_organization(*admin.organization_id));
    view.organization = org.name;
  }
  if (admin.department_id) {
    SCEPTER_TRY(const auto department, store.get_department(*admin.department_id));
    view.department = department.name;
  }
  return view;
}

Result<ApiTokenView> Auth::view_of(const store::ApiToken& token) {
  SCEPTER_TRY(const auto admin, workspace_.store().get_admin(token.admin_id));
  return ApiTokenView{.id = token.id,
                      .admin = admin.username,
                      .name = token.name,
                      .created_at = token.created_at,
                      .expires_at = token.expires_at,
                      .revoked_at = token.revoked_at};
}

Result<ApiTokenIssued> Auth::issue_token(const store::Admin& admin, const std::string& name,
                                         std::optional<int> days) {
  SCEPTER_CHECK(check_name("name", name));
  const int valid_days = days.value_or(policy_.api_token_days);
  if (valid_days < 1 || valid_days > kMaxTokenDays) {
    return fail(invalid_field("days", "an API token lasts 1 to 3650 days"));
  }
  const long long now = workspace_.now();
  std::string secret = new_secret(kApiTokenPrefix);
  SCEPTER_TRY(const auto token, workspace_.store().create_api_token(
                                    {.admin_id = admin.id,
                                     .name = name,
                                     .token_digest = digest_of(secret),
                                     .created_at = now,
                                     .expires_at = now + valid_days * kSecondsPerDay}));
  SCEPTER_TRY(auto view, view_of(token));
  return ApiTokenIssued{std::move(view), std::move(secret)};
}

Result<AdminCreated> Auth::create_admin(const Actor& actor, const AdminInput& input) {
  auto& store = workspace_.store();
  SCEPTER_CHECK(Scope(store, actor.principal).require_mrao("create admins"));
  SCEPTER_CHECK(check_name("name", input.name));
  SCEPTER_TRY(const Role role, parse_role(input.role));
  SCEPTER_TRY(const bool taken, exists(store.find_admin(input.name)));
  if (taken) return fail(conflict_on("name", "admin '" + input.name + "' already exists"));
  store::Admin admin{
      .username = input.name, .role = std::string(to_string(role)), .created_at = workspace_.now()};
  SCEPTER_CHECK(resolve_scope(store, role, input, admin));
  std::string password = crypto::random_string(kPasswordLength, kAlphanumeric);
  SCEPTER_TRY(admin.password_hash, hash_password(password));
  SCEPTER_TRY(admin, store.create_admin(admin));
  SCEPTER_TRY(auto view, view_of(admin));
  SCEPTER_CHECK(record_audit(workspace_, actor, "admin.create", "admin:" + admin.username, nullptr,
                             to_json(view)));
  SCEPTER_TRY(auto issued, issue_token(admin, "initial", std::nullopt));
  SCEPTER_CHECK(record_audit(workspace_, actor, "api_token.create",
                             "api_token:" + std::to_string(issued.token.id), nullptr,
                             to_json(issued.token)));
  return AdminCreated{std::move(view), std::move(password), std::move(issued.secret),
                      std::move(issued.token)};
}

Result<std::vector<AdminView>> Auth::list_admins(const Actor& actor) {
  SCEPTER_TRY(const auto admins, workspace_.store().list_admins());
  const bool everyone = Scope(workspace_.store(), actor.principal).is_mrao();
  std::vector<AdminView> views;
  for (const auto& admin : admins) {
    if (!everyone && admin.id != actor.principal.admin_id) continue;
    SCEPTER_TRY(auto view, view_of(admin));
    views.push_back(std::move(view));
  }
  return views;
}

Result<AdminView> Auth::set_admin_disabled(const Actor& actor, const std::string& name,
                                           bool disabled) {
  auto& store = workspace_.store();
  SCEPTER_CHECK(
      Scope(store, actor.principal).require_mrao(disabled ? "disable admins" : "enable admins"));
  SCEPTER_TRY(const auto admin, store.find_admin(name));
  if (admin.id == actor.principal.admin_id) {
    return fail(conflict_on("name", "an admin cannot disable or enable themselves"));
  }
  SCEPTER_TRY(const auto before, view_of(admin));
  if (disabled) {
    SCEPTER_CHECK(store.disable_admin(admin.id, workspace_.now()));
  } else {
    SCEPTER_CHECK(store.enable_admin(admin.id));
  }
  SCEPTER_TRY(const auto changed, store.get_admin(admin.id));
  SCEPTER_TRY(auto after, view_of(changed));
  SCEPTER_CHECK(record_audit(workspace_, actor, disabled ? "admin.disable" : "admin.enable",
                             "admin:" + admin.username, to_json(before), to_json(after)));
  return after;
}

Result<SessionIssued> Auth::login(const std::string& username, const std::string& password,
                                  const std::string& client_address) {
  SCEPTER_CHECK(ensure_sodium());
  auto& store = workspace_.store();
  const long long now = workspace_.now();
  const auto user_key = failures_of_user_from(client_address, username);
  const auto address_key = failures_from(client_address);
  const int window = policy_.failure_window_seconds;
  SCEPTER_TRY(const int user_failures, store.count_failures(user_key, now, window));
  SCEPTER_TRY(const int address_failures, store.count_failures(address_key, now, window));
  if (user_failures >= policy_.max_login_failures ||
      address_failures >= policy_.max_login_failures_per_address) {
    return fail(ErrorCategory::throttled, "too many failed logins; try again later");
  }
  auto record_failure = [&]() -> std::unexpected<Error> {
    SCEPTER_CHECK(store.add_failure(user_key, now, window));
    SCEPTER_CHECK(store.add_failure(address_key, now, window));
    return fail(bad_credentials());
  };
  // No admin has a longer name; such a username is not worth a row of its own size.
  if (username.size() > kMaxNameLength) return record_failure();
  auto admin = store.find_admin(username);
  if (!admin && admin.error().category != ErrorCategory::not_found) {
    return std::unexpected(std::move(admin).error());
  }
  bool verified = false;
  if (admin && !admin->disabled) {
    verified = crypto_pwhash_argon2id_str_verify(admin->password_hash.c_str(), password.data(),
                                                 password.size()) == 0;
  } else {
    // The same work as a real check, so that timing does not tell which usernames exist.
    SCEPTER_CHECK(hash_password(password));
  }
  if (!verified) return record_failure();
  std::string token = new_secret(kSessionPrefix);
  SCEPTER_TRY(const auto session,
              store.create_session({.admin_id = admin->id,
                                    .token_digest = digest_of(token),
                                    .client_address = client_address,
                                    .created_at = now,
                                    .expires_at = now + policy_.session_seconds}));
  SCEPTER_CHECK(store.record_login(admin->id, now));
  SCEPTER_TRY(auto view, view_of(*admin));
  return SessionIssued{std::move(token), session.expires_at, std::move(view)};
}

Status Auth::logout(const std::string& bearer) {
  if (!bearer.starts_with(kSessionPrefix)) return fail(bad_credentials());
  return workspace_.store().delete_session(digest_of(bearer));
}

Result<Principal> Auth::authenticate(const std::string& bearer) {
  auto& store = workspace_.store();
  const long long now = workspace_.now();
  store::Id admin_id = 0;
  // Any lookup failure, even of the database, is answered the same way: no detail for callers
  // that hold no valid credential.
  if (bearer.starts_with(kSessionPrefix)) {
    auto session = store.find_session(digest_of(bearer));
    if (!session || session->expires_at <= now) return fail(bad_credentials());
    admin_id = session->admin_id;
  } else if (bearer.starts_with(kApiTokenPrefix)) {
    auto token = store.find_api_token(digest_of(bearer));
    if (!token || token->revoked_at || (token->expires_at && *token->expires_at <= now)) {
      return fail(bad_credentials());
    }
    admin_id = token->admin_id;
  } else {
    return fail(bad_credentials());
  }
  auto admin = store.get_admin(admin_id);
  if (!admin || admin->disabled) return fail(bad_credentials());
  auto role = parse_role(admin->role);
  if (!role) return fail(bad_credentials());
  return principal_of(*admin, *role);
}

Result<ApiTokenIssued> Auth::create_api_token(const Actor& actor, const std::string& name,
                                              std::optional<int> days) {
  SCEPTER_TRY(const auto admin, workspace_.store().get_admin(actor.principal.admin_id));
  SCEPTER_TRY(auto issued, issue_token(admin, name, days));
  SCEPTER_CHECK(record_audit(workspace_, actor, "api_token.create",
                             "api_token:" + std::to_string(issued.token.id), nullptr,
                             to_json(issued.token)));
  return issued;
}

Result<std::vector<ApiTokenView>> Auth::list_api_tokens(const Actor& actor) {
  const bool everyone = Scope(workspace_.store(), actor.principal).is_mrao();
  std::optional<store::Id> owner;
  if (!everyone) owner = actor.principal.admin_id;
  SCEPTER_TRY(const auto tokens, workspace_.store().list_api_tokens(owner));
  std::vector<ApiTokenView> views;
  for (const auto& token : tokens) {
    SCEPTER_TRY(auto view, view_of(token));
    views.push_back(std::move(view));
  }
  return views;
}

Result<ApiTokenView> Auth::revoke_api_token(const Actor& actor, store::Id id) {
  auto& store = workspace_.store();
  SCEPTER_TRY(const auto tokens, list_api_tokens(actor));
  auto found = std::ranges::find(tokens, id, &ApiTokenView::id);
  if (found == tokens.end()) return fail(not_found("no API token has id " + std::to_string(id)));
  SCEPTER_CHECK(store.revoke_api_token(id, workspace_.now()));
  SCEPTER_TRY(const auto revoked, list_api_tokens(actor));
  auto after = *std::ranges::find(revoked, id, &ApiTokenView::id);
  SCEPTER_CHECK(record_audit(workspace_, actor, "api_token.revoke",
                             "api_token:" + std::to_string(id), to_json(*found), to_json(after)));
  return after;
}

}  // namespace scepter::admin
