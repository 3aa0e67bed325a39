-- Certificates outlive the accounts and endpoints they were issued under, and keep their ids
-- (no foreign key, so that revocation and CRLs stay complete). SQLite gives a new row the highest
-- id in use plus one, so a new account or endpoint could take the id of one just deleted and,
-- with it, that one's certificates: another tenant's administrators would see and revoke them,
-- and the renewal check would find an account again. AUTOINCREMENT never hands an id out twice.
-- PostgreSQL's identity columns never did, so it has nothing to do here.
-- SQLite cannot add AUTOINCREMENT to a table: each one is rebuilt (the migration runner turns
-- foreign keys off around migrations and checks them before it commits).
-- sqlite only: begin
CREATE TABLE endpoints_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO endpoints_rebuilt (id, name, uri_extension, type, cert_type, ra_certificate_id,
  getcacert_format, getcert_format, delegation, enabled, allow_des3, organization_id,
  department_id, profile_id, term_days, azure_account_id, created_at)
SELECT id, name, uri_extension, type, cert_type, ra_certificate_id, getcacert_format,
  getcert_format, delegation, enabled, allow_des3, organization_id, department_id, profile_id,
  term_days, azure_account_id, created_at
FROM endpoints;
DROP TABLE endpoints;
ALTER TABLE endpoints_rebuilt RENAME TO endpoints;

CREATE TABLE accounts_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO accounts_rebuilt (id, endpoint_id, name, organization_id, department_id, profile_id,
  term_days, access_code_digest, created_at, code_rotated_at)
SELECT id, endpoint_id, name, organization_id, department_id, profile_id, term_days,
  access_code_digest, created_at, code_rotated_at
FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_rebuilt RENAME TO accounts;
CREATE INDEX accounts_access_code ON accounts (endpoint_id, access_code_digest);

-- An id that was reused or deleted before this migration may still be named by certificates:
-- the counters start above those too.
DELETE FROM sqlite_sequence WHERE name IN ('endpoints', 'accounts');
INSERT INTO sqlite_sequence (name, seq)
SELECT 'endpoints', MAX(COALESCE((SELECT MAX(id) FROM endpoints), 0),
                        COALESCE((SELECT MAX(endpoint_id) FROM certificates), 0));
INSERT INTO sqlite_sequence (name, seq)
SELECT 'accounts', MAX(COALESCE((SELECT MAX(id) FROM accounts), 0),
                       COALESCE((SELECT MAX(account_id) FROM certificates), 0));
-- sqlite only: end
