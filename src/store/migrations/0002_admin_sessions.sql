-- Login sessions of admins live in the database, not in a node's memory, so that any node behind
-- a load balancer can check a token another node issued. Only the token's SHA-256 is stored.
CREATE TABLE admin_sessions (
  id INTEGER PRIMARY KEY,
  admin_id INTEGER NOT NULL REFERENCES admins (id),
  token_digest BLOB NOT NULL,
  client_address TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  CONSTRAINT admin_sessions_token_digest_unique UNIQUE (token_digest)
);
CREATE INDEX admin_sessions_expiry ON admin_sessions (expires_at);
CREATE INDEX api_tokens_admin ON api_tokens (admin_id);
