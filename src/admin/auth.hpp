#pragma once
// Admins of the REST API and how they prove who they are:
// - passwords hashed with Argon2id (libsodium's crypto_pwhash_str), generated at creation;
// - session tokens from POST /api/v1/sessions, valid for a fixed session_seconds after login
//   (not sliding: a stolen token stops working at a known time);
// - API tokens for automation, with an expiry, revocable.
// Tokens are shown once and stored only as their SHA-256, in the database, so that every node
// sharing it accepts them. Repeated failed logins are throttled per client address and username,
// and per client address.

#include <optional>
#include <string>
#include <vector>

#include "admin/audit.hpp"
#include "admin/principal.hpp"
#include "admin/workspace.hpp"

namespace scepter::admin {

struct AuthPolicy {
  int session_seconds = 30 * 60;
  int api_token_days = 90;
  // Failed logins within failure_window_seconds before login is refused: of one username from
  // one address, and of any username from one address.
  int max_login_failures = 5;
  int max_login_failures_per_address = 20;
  int failure_window_seconds = 15 * 60;
  // Argon2id cost of new hashes; libsodium's "interactive" level. Tests lower it.
  unsigned long long pwhash_ops = 2;
  std::size_t pwhash_memory = 64ull * 1024 * 1024;
};

struct AdminInput {
  std::string name{};
  std::string role{};                         // "mrao" | "rao" | "drao"
  std::optional<std::string> organization{};  // rao and drao
  std::optional<std::string> department{};    // drao, within organization
};

struct AdminView {
  store::Id id = 0;
  std::string name{};
  std::string role{};
  std::string organization{};
  std::string department{};
  bool disabled = false;
  long long created_at = 0;
  std::optional<long long> last_login_at{};
};

struct ApiTokenView {
  store::Id id = 0;
  std::string admin{};
  std::string name{};
  long long created_at = 0;
  std::optional<long long> expires_at{};
  std::optional<long long> revoked_at{};
};

// The only time a password or token is shown.
struct AdminCreated {
  AdminView admin;
  std::string password{};
  std::string api_token{};
  ApiTokenView token;
};
struct ApiTokenIssued {
  ApiTokenView token;
  std::string secret{};
};
struct SessionIssued {
  std::string token{};
  long long expires_at = 0;
  AdminView admin;
};

class Auth {
 public:
  explicit Auth(Workspace& workspace, AuthPolicy policy = {})
      : workspace_(workspace), policy_(std::move(policy)) {}

  // MRAO only. A generated password and a first API token come back once.
  Result<AdminCreated> create_admin(const Actor& actor, const AdminInput& input);
  // MRAO: every admin; others: themselves.
  Result<std::vector<AdminView>> list_admins(const Actor& actor);
  // MRAO only, and never oneself (the last MRAO cannot lock everyone out). Disabling also
  // revokes the admin's API tokens and ends their sessions at once; enabling gives back the
  // password login only, so a token minted by whoever stole the account stays dead.
  Result<AdminView> set_admin_disabled(const Actor& actor, const std::string& name, bool disabled);

  // unauthorized for a wrong name or password alike; throttled by the policy's failure limits.
  Result<SessionIssued> login(const std::string& username, const std::string& password,
                              const std::string& client_address);
  // Ends the session of this bearer token; other tokens are unaffected.
  Status logout(const std::string& bearer);
  // The principal behind a session or API token; unauthorized when unknown, expired, revoked or
  // its admin is disabled.
  Result<Principal> authenticate(const std::string& bearer);

  // For the caller itself; days empty: the policy's default.
  Result<ApiTokenIssued> create_api_token(const Actor& actor, const std::string& name,
                                          std::optional<int> days);
  // MRAO: every token; others: their own.
  Result<std::vector<ApiTokenView>> list_api_tokens(const Actor& actor);
  // not_found for a token of someone else unless MRAO.
  Result<ApiTokenView> revoke_api_token(const Actor& actor, store::Id id);

 private:
  Result<AdminView> view_of(const store::Admin& admin);
  Result<ApiTokenView> view_of(const store::ApiToken& token);
  Result<ApiTokenIssued> issue_token(const store::Admin& admin, const std::string& name,
                                     std::optional<int> days);
  Result<std::string> hash_password(const std::string& password) const;

  Workspace& workspace_;
  AuthPolicy policy_;
};

nlohmann::json to_json(const AdminView& admin);
nlohmann::json to_json(const ApiTokenView& token);
nlohmann::json to_json(const AdminCreated& created);
nlohmann::json to_json(const ApiTokenIssued& issued);
nlohmann::json to_json(const SessionIssued& session);

}  // namespace scepter::admin
