-- Azure accounts gain the optional trust anchors of custom clouds and delegation like endpoints.
ALTER TABLE azure_accounts ADD COLUMN trust_ca_pem TEXT NOT NULL DEFAULT '';
ALTER TABLE azure_accounts ADD COLUMN delegation TEXT NOT NULL DEFAULT 'general';

-- A NULL department delegates the whole organization.
CREATE TABLE azure_account_delegations (
  id INTEGER PRIMARY KEY,
  azure_account_id INTEGER NOT NULL REFERENCES azure_accounts (id),
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  department_id INTEGER REFERENCES departments (id)
);
CREATE INDEX azure_account_delegations_account ON azure_account_delegations (azure_account_id);

-- Work that one node of several does at a time (the Intune revocation poller of an account):
-- the holder renews its lease before expires_at; another node takes over once it has passed.
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
