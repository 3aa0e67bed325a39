#!/usr/bin/env python3
"""Pre-fills a scepter SQLite data dir for the data-scaling benchmark.

Usage: bench/fill_db.py DATA_DIR [--certificates 1000000] [--accounts 100000]

DATA_DIR must come from `scepter init --demo`: the rows are attached to its demo endpoint,
organization, department, profile and issuing CA, so scepter starts on the result unchanged.
Every certificate gets a unique random 16-byte serial, its own issued transaction and public-key
hash; the DER column holds the demo RA certificate as a stand-in of realistic size (scepter never
parses stored certificates on the enrollment path). Accounts get random access-code digests, so
the demo account's code stays the only one that works. Runs in one transaction.
"""
import argparse
import base64
import os
import re
import sqlite3
import sys
import time


def pem_to_der(pem):
    body = re.search(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", pem, re.S)
    return base64.b64decode("".join(body.group(1).split()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--certificates", type=int, default=1_000_000)
    parser.add_argument("--accounts", type=int, default=100_000)
    args = parser.parse_args()

    db = sqlite3.connect(os.path.join(args.data_dir, "scepter.db"), isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = OFF")
    endpoint_id, organization_id, department_id, profile_id, term_days = db.execute(
        "SELECT endpoints.id, accounts.organization_id, accounts.department_id, accounts.profile_id,"
        " accounts.term_days FROM endpoints JOIN accounts ON accounts.endpoint_id = endpoints.id"
        " WHERE endpoints.uri_extension = 'demo' LIMIT 1").fetchone()
    ca_id, = db.execute("SELECT id FROM cas WHERE role = 'issuing'").fetchone()
    template_der = pem_to_der(db.execute("SELECT certificate_pem FROM ra_certificates LIMIT 1")
                              .fetchone()[0])

    started = time.monotonic()
    now = int(time.time())
    db.execute("BEGIN")
    first_account = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM accounts").fetchone()[0]
    db.executemany(
        "INSERT INTO accounts (endpoint_id, name, organization_id, department_id, profile_id,"
        " term_days, access_code_digest, created_at, code_rotated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((endpoint_id, f"fill-account-{i}", organization_id, department_id, profile_id, term_days,
          os.urandom(32), now, now) for i in range(args.accounts)))

    def account_of(i):
        return first_account + i % args.accounts if args.accounts else None

    def transactions():
        for i in range(args.certificates):
            yield (endpoint_id, f"fill-{i:08d}", os.urandom(32), "issued", "PKCSReq",
                   account_of(i), b"", f"CN=fill-{i}", os.urandom(16).hex(), "", "127.0.0.1",
                   now, now)

    db.executemany(
        "INSERT INTO transactions (endpoint_id, transaction_id, public_key_sha256, status,"
        " message_type, account_id, csr_der, subject, certificate_serial, reason, client_address,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        transactions())
    db.execute(
        "INSERT INTO certificates (serial, endpoint_id, account_id, ca_id, subject, alt_names,"
        " not_before, not_after, status, revoked_at, revocation_reason, der, public_key_sha256,"
        " transaction_id, issued_at)"
        " SELECT certificate_serial, endpoint_id, account_id, ?, subject, '', created_at,"
        " created_at + 365 * 86400, 'valid', NULL, NULL, ?, public_key_sha256, transaction_id,"
        " created_at FROM transactions WHERE transaction_id LIKE 'fill-%'",
        (ca_id, template_der))
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    certificates, = db.execute("SELECT COUNT(*) FROM certificates").fetchone()
    accounts, = db.execute("SELECT COUNT(*) FROM accounts").fetchone()
    print(f"filled {args.data_dir}: {certificates} certificates, {accounts} accounts"
          f" in {time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
