-- The data model of DESIGN.md. Every migration is kept to types and syntax that SQLite and
-- PostgreSQL both accept; for PostgreSQL, store/postgres/dialect.hpp turns INTEGER PRIMARY KEY into
-- an identity BIGINT, other INTEGERs into BIGINT and BLOB into BYTEA. So the two schemas stay one.
-- schema_version itself is created by the migration runner, before this file runs.

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('config_generation', '0');

CREATE TABLE organizations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT organizations_name_unique UNIQUE (name)
);

CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT departments_name_unique UNIQUE (organization_id, name)
);

-- The list columns hold JSON arrays (see store/list_codec.hpp).
CREATE TABLE certificate_profiles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  cert_type TEXT NOT NULL,
  key_types TEXT NOT NULL,
  min_rsa_bits INTEGER NOT NULL,
  min_ec_bits INTEGER NOT NULL,
  terms_days TEXT NOT NULL,
  key_usage INTEGER NOT NULL,
  extended_key_usage TEXT NOT NULL,
  san_types TEXT NOT NULL,
  subject_attributes TEXT NOT NULL,
  requires_approval INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT certificate_profiles_name_unique UNIQUE (name)
);

CREATE TABLE cas (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  parent_id INTEGER REFERENCES cas (id),
  certificate_pem TEXT NOT NULL,
  key_ref TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
-- At most one CA issues at a time.
CREATE UNIQUE INDEX cas_one_issuing ON cas (role) WHERE role = 'issuing';

CREATE TABLE ra_certificates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  ca_id INTEGER NOT NULL REFERENCES cas (id),
  certificate_pem TEXT NOT NULL,
  key_ref TEXT NOT NULL,
  subject TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  not_before BIGINT NOT NULL,
  not_after BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT ra_certificates_name_unique UNIQUE (name)
);

CREATE TABLE azure_accounts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  environment TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  client_secret_encrypted BLOB NOT NULL,
  authority_url TEXT NOT NULL,
  graph_url TEXT NOT NULL,
  intune_url TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT azure_accounts_name_unique UNIQUE (name)
);

CREATE TABLE endpoints (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  uri_extension TEXT NOT NULL,
  type TEXT NOT NULL,
  cert_type TEXT NOT NULL,
  ra_certificate_id INTEGER NOT NULL REFERENCES ra_certificates (id),
  getcacert_format TEXT NOT NULL,
  getcert_format TEXT NOT NULL,
  delegation TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  allow_des3 INTEGER NOT NULL,
  organization_id INTEGER REFERENCES organizations (id),
  department_id INTEGER REFERENCES departments (id),
  profile_id INTEGER REFERENCES certificate_profiles (id),
  term_days INTEGER,
  azure_account_id INTEGER REFERENCES azure_accounts (id),
  created_at BIGINT NOT NULL,
  CONSTRAINT endpoints_uri_extension_unique UNIQUE (uri_extension)
);

-- A NULL department delegates the whole organization.
CREATE TABLE endpoint_delegations (
  id INTEGER PRIMARY KEY,
  endpoint_id INTEGER NOT NULL REFERENCES endpoints (id),
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  department_id INTEGER REFERENCES departments (id)
);
CREATE INDEX endpoint_delegations_endpoint ON endpoint_delegations (endpoint_id);

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  endpoint_id INTEGER NOT NULL REFERENCES endpoints (id),
  name TEXT NOT NULL,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  department_id INTEGER REFERENCES departments (id),
  profile_id INTEGER NOT NULL REFERENCES certificate_profiles (id),
  term_days INTEGER NOT NULL,
  access_code_digest BLOB NOT NULL,
  created_at BIGINT NOT NULL,
  code_rotated_at BIGINT NOT NULL,
  CONSTRAINT accounts_name_unique UNIQUE (endpoint_id, name)
);
CREATE INDEX accounts_access_code ON accounts (endpoint_id, access_code_digest);

CREATE TABLE transactions (
  id INTEGER PRIMARY KEY,
  endpoint_id INTEGER NOT NULL REFERENCES endpoints (id),
  transaction_id TEXT NOT NULL,
  public_key_sha256 BLOB NOT NULL,
  status TEXT NOT NULL,
  message_type TEXT NOT NULL,
  account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  csr_der BLOB NOT NULL,
  subject TEXT NOT NULL,
  certificate_serial TEXT,
  reason TEXT NOT NULL,
  client_address TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT transactions_transaction_id_unique UNIQUE (endpoint_id, transaction_id)
);
CREATE INDEX transactions_status ON transactions (status);

-- No foreign key to endpoints or accounts: certificates outlive both, so that revocation
-- and CRLs stay complete.
CREATE TABLE certificates (
  id INTEGER PRIMARY KEY,
  serial TEXT NOT NULL,
  endpoint_id INTEGER NOT NULL,
  account_id INTEGER,
  ca_id INTEGER NOT NULL REFERENCES cas (id),
  subject TEXT NOT NULL,
  alt_names TEXT NOT NULL,
  not_before BIGINT NOT NULL,
  not_after BIGINT NOT NULL,
  status TEXT NOT NULL,
  revoked_at BIGINT,
  revocation_reason INTEGER,
  der BLOB NOT NULL,
  public_key_sha256 BLOB NOT NULL,
  transaction_id TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  CONSTRAINT certificates_serial_unique UNIQUE (serial)
);
CREATE INDEX certificates_endpoint ON certificates (endpoint_id);
CREATE INDEX certificates_account ON certificates (account_id);
CREATE INDEX certificates_status ON certificates (status);
CREATE INDEX certificates_not_after ON certificates (not_after);
CREATE INDEX certificates_ca_status ON certificates (ca_id, status);

CREATE TABLE crls (
  id INTEGER PRIMARY KEY,
  ca_id INTEGER NOT NULL REFERENCES cas (id),
  number BIGINT NOT NULL,
  der BLOB NOT NULL,
  this_update BIGINT NOT NULL,
  next_update BIGINT NOT NULL,
  CONSTRAINT crls_number_unique UNIQUE (ca_id, number)
);

CREATE TABLE enrollment_rejections (
  id INTEGER PRIMARY KEY,
  endpoint_id INTEGER NOT NULL REFERENCES endpoints (id),
  transaction_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  client_address TEXT NOT NULL,
  rejected_at BIGINT NOT NULL
);
CREATE INDEX enrollment_rejections_endpoint ON enrollment_rejections (endpoint_id, id);

CREATE TABLE throttle_failures (
  id INTEGER PRIMARY KEY,
  failure_key TEXT NOT NULL,
  failed_at BIGINT NOT NULL
);
CREATE INDEX throttle_failures_key ON throttle_failures (failure_key, failed_at);
CREATE INDEX throttle_failures_time ON throttle_failures (failed_at);

-- role: MRAO (everything), RAO (one organization), DRAO (one department).
CREATE TABLE admins (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  organization_id INTEGER REFERENCES organizations (id),
  department_id INTEGER REFERENCES departments (id),
  disabled INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  last_login_at BIGINT,
  CONSTRAINT admins_username_unique UNIQUE (username)
);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  admin_id INTEGER NOT NULL REFERENCES admins (id),
  name TEXT NOT NULL,
  token_digest BLOB NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  last_used_at BIGINT,
  revoked_at BIGINT,
  CONSTRAINT api_tokens_token_digest_unique UNIQUE (token_digest)
);

CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  occurred_at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  source TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL
);
CREATE INDEX audit_events_time ON audit_events (occurred_at);
