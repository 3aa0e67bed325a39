-- Every enrollment adds a transaction row and a certificate row, and an entry to each of their
-- indexes: with WAL, one more page written per index. Two indexes only ever served rare rows.
-- Pending requests (the manual approval queue) are found through a partial index that issued and
-- rejected transactions never enter; revoked certificates, which certificates_status finds
-- already, no longer need an index by CA.
DROP INDEX transactions_status;
CREATE INDEX transactions_pending ON transactions (status) WHERE status = 'pending';
DROP INDEX certificates_ca_status;
