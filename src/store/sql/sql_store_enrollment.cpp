// SCEP transactions and the certificates they produce.
#include "store/sql/sql_store_impl.hpp"
#include "store/sql/statements.hpp"

namespace scepter::store::sql {
namespace {

#define TRANSACTION_COLUMNS                                                            \
  "endpoint_id, transaction_id, public_key_sha256, status, message_type, account_id, " \
  "csr_der, subject, certificate_serial, reason, client_address, created_at, updated_at"
#define TRANSACTION_SELECT "SELECT id, " TRANSACTION_COLUMNS " FROM transactions"
#define TRANSACTION_INSERT                         \
  "INSERT INTO transactions (" TRANSACTION_COLUMNS \
  ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

Result<Transaction> read_transaction(const Query& q) {
  return Transaction{
      .id = q.integer(0),
      .endpoint_id = q.integer(1),
      .transaction_id = q.text(2),
      .public_key_sha256 = q.blob(3),
      .status = q.text(4),
      .message_type = q.text(5),
      .account_id = q.optional_integer(6),
      .csr_der = q.blob(7),
      .subject = q.text(8),
      .certificate_serial = q.is_null(9) ? std::nullopt : std::optional<std::string>(q.text(9)),
      .reason = q.text(10),
      .client_address = q.text(11),
      .created_at = q.integer(12),
      .updated_at = q.integer(13)};
}

// Calls `write` with the values of TRANSACTION_INSERT's placeholders: `tx` with the given status.
template <class Write>
auto with_transaction_values(const Transaction& tx, std::string_view status,
                             const std::optional<std::string>& certificate_serial, Write write) {
  return write(tx.endpoint_id, tx.transaction_id, tx.public_key_sha256, status, tx.message_type,
               tx.account_id, tx.csr_der, tx.subject, certificate_serial, tx.reason,
               tx.client_address, tx.created_at, tx.updated_at);
}

#define CERTIFICATE_COLUMNS                                                             \
  "serial, endpoint_id, account_id, ca_id, subject, alt_names, not_before, not_after, " \
  "status, revoked_at, revocation_reason, der, public_key_sha256, transaction_id, issued_at"
#define CERTIFICATE_SELECT "SELECT " CERTIFICATE_COLUMNS " FROM certificates"

Result<CertificateRecord> read_certificate(const Query& q) {
  return CertificateRecord{.serial = q.text(0),
                           .endpoint_id = q.integer(1),
                           .account_id = q.optional_integer(2),
                           .ca_id = q.integer(3),
                           .subject = q.text(4),
                           .alt_names = q.text(5),
                           .not_before = q.integer(6),
                           .not_after = q.integer(7),
                           .status = q.text(8),
                           .revoked_at = q.optional_integer<long long>(9),
                           .revocation_reason = q.optional_integer<int>(10),
                           .der = q.blob(11),
                           .public_key_sha256 = q.blob(12),
                           .transaction_id = q.text(13),
                           .issued_at = q.integer(14)};
}

Error conflict(std::string field, std::string client_text) {
  auto error = make_error(ErrorCategory::conflict, std::move(client_text));
  error.field = std::move(field);
  return error;
}

// LIKE treats % and _ as wildcards; a search for them must find them literally.
std::string contains_pattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

// Why an UPDATE of a certificate's status matched no row: no such serial, or its status.
Status refusal_of_status_change(Connection& c, const std::string& serial_hex,
                                std::string_view conflict_text) {
  SCEPTER_TRY(long long found,
              select_integer(c, "SELECT COUNT(*) FROM certificates WHERE serial = ?", serial_hex));
  SCEPTER_CHECK(expect_found(found, "certificate"));
  return fail(conflict("status", std::string(conflict_text)));
}

}  // namespace

Result<std::optional<Transaction>> SqlStore::find_transaction(Id endpoint_id,
                                                              const std::string& transaction_id) {
  return read([&](Connection& c) {
    return select_optional(c, read_transaction,
                           TRANSACTION_SELECT " WHERE endpoint_id = ? AND transaction_id = ?",
                           endpoint_id, transaction_id);
  });
}

Result<Transaction> SqlStore::create_pending(const Transaction& tx) {
  return write([&](Connection& c) -> Result<Transaction> {
    Transaction created = tx;
    created.status = "pending";
    created.certificate_serial.reset();
    SCEPTER_TRY(created.id, with_transaction_values(
                                tx, created.status, std::nullopt, [&](const auto&... values) {
                                  return insert(c, TRANSACTION_INSERT " RETURNING id", values...);
                                }));
    return created;
  });
}

Status SqlStore::record_issuance(const Transaction& tx, const CertificateRecord& cert) {
  return write([&](Connection& c) -> Status {
    SCEPTER_CHECK(run(c,
                      "INSERT INTO certificates (" CERTIFICATE_COLUMNS
                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      cert.serial, cert.endpoint_id, cert.account_id, cert.ca_id, cert.subject,
                      cert.alt_names, cert.not_before, cert.not_after, cert.status, cert.revoked_at,
                      cert.revocation_reason, cert.der, cert.public_key_sha256, cert.transaction_id,
                      cert.issued_at));
    SCEPTER_TRY(long long promoted,
                execute(c,
                        "UPDATE transactions SET status = 'issued', certificate_serial = ?, "
                        "updated_at = ? "
                        "WHERE endpoint_id = ? AND transaction_id = ? AND status = 'pending'",
                        cert.serial, tx.updated_at, tx.endpoint_id, tx.transaction_id));
    if (promoted > 0) return {};
    // Not pending: a fresh transaction, or one already decided (the insert then conflicts). No
    // RETURNING: nothing needs the row's id, and SQLite builds a temporary table to return it.
    return with_transaction_values(tx, "issued", cert.serial, [&](const auto&... values) {
      return run(c, TRANSACTION_INSERT, values...);
    });
  });
}

Status SqlStore::reject_pending(Id endpoint_id, const std::string& transaction_id,
                                const std::string& reason, long long at) {
  return write([&](Connection& c) -> Status {
    SCEPTER_TRY(long long rejected,
                execute(c,
                        "UPDATE transactions SET status = 'rejected', reason = ?, updated_at = ? "
                        "WHERE endpoint_id = ? AND transaction_id = ? AND status = 'pending'",
                        reason, at, endpoint_id, transaction_id));
    if (rejected > 0) return {};
    SCEPTER_TRY(long long found, select_integer(c,
                                                "SELECT COUNT(*) FROM transactions "
                                                "WHERE endpoint_id = ? AND transaction_id = ?",
                                                endpoint_id, transaction_id));
    SCEPTER_CHECK(expect_found(found, "transaction"));
    return fail(conflict("status", "transaction is not pending"));
  });
}

Result<std::vector<Transaction>> SqlStore::list_pending(std::optional<Id> endpoint_id) {
  return read([&](Connection& c) {
    if (!endpoint_id) {
      return select_all(c, read_transaction,
                        TRANSACTION_SELECT " WHERE status = 'pending' ORDER BY id");
    }
    return select_all(c, read_transaction,
                      TRANSACTION_SELECT
                      " WHERE status = 'pending' AND endpoint_id = ? "
                      "ORDER BY id",
                      *endpoint_id);
  });
}

Result<CertificateRecord> SqlStore::get_certificate(const std::string& serial_hex) {
  return read([&](Connection& c) {
    return select_one(c, "certificate", read_certificate, CERTIFICATE_SELECT " WHERE serial = ?",
                      serial_hex);
  });
}

Result<std::vector<CertificateRecord>> SqlStore::list_certificates(const CertificateFilter& f) {
  SCEPTER_CHECK(check_page(f.page));
  return read([&](Connection& c) -> Result<std::vector<CertificateRecord>> {
    // Only the conditions asked for appear in the SQL, so that each can use its index; the few
    // resulting statement texts are each prepared once per connection.
    std::string sql = CERTIFICATE_SELECT " WHERE 1 = 1";
    const std::string like = " " + std::string(c.case_insensitive_like()) + " ? ESCAPE '\\'";
    if (f.endpoint_id) sql += " AND endpoint_id = ?";
    if (f.account_id) sql += " AND account_id = ?";
    if (f.status) sql += " AND status = ?";
    if (f.serial) sql += " AND serial = ?";
    if (f.subject_contains) sql += " AND subject" + like;
    if (f.alt_names_contains) sql += " AND alt_names" + like;
    if (f.not_after_before) sql += " AND not_after < ?";
    if (f.not_after_at_least) sql += " AND not_after >= ?";
    sql += " ORDER BY id DESC LIMIT ? OFFSET ?";
    SCEPTER_TRY(auto query, c.prepare(sql));
    auto bind_if = [&](const auto& value) -> Status {
      return value ? query->bind_next(*value) : Status{};
    };
    auto pattern = [](const std::optional<std::string>& text) -> std::optional<std::string> {
      if (!text) return std::nullopt;
      return contains_pattern(*text);
    };
    SCEPTER_CHECK(bind_if(f.endpoint_id));
    SCEPTER_CHECK(bind_if(f.account_id));
    SCEPTER_CHECK(bind_if(f.status));
    SCEPTER_CHECK(bind_if(f.serial));
    SCEPTER_CHECK(bind_if(pattern(f.subject_contains)));
    SCEPTER_CHECK(bind_if(pattern(f.alt_names_contains)));
    SCEPTER_CHECK(bind_if(f.not_after_before));
    SCEPTER_CHECK(bind_if(f.not_after_at_least));
    SCEPTER_CHECK(query->bind(f.page.limit, f.page.offset));
    return read_all(*query, read_certificate);
  });
}

Result<long long> SqlStore::count_certificates(Id endpoint_id) {
  return read([&](Connection& c) {
    return select_integer(c, "SELECT COUNT(*) FROM certificates WHERE endpoint_id = ?",
                          endpoint_id);
  });
}

Status SqlStore::revoke_certificate(const std::string& serial_hex, int reason, long long at) {
  return write([&](Connection& c) -> Status {
    // RFC 5280 5.3.1: a certificate on hold may be revoked for good, and keeps the hold's date as
    // its revocation date: it has been unusable since then.
    SCEPTER_TRY(long long revoked,
                execute(c,
                        "UPDATE certificates SET status = 'revoked', "
                        "revoked_at = COALESCE(revoked_at, ?), revocation_reason = ? "
                        "WHERE serial = ? AND (status <> 'revoked' OR "
                        "(revocation_reason = ? AND ? <> revocation_reason))",
                        at, reason, serial_hex, kCertificateHold, reason));
    if (revoked > 0) return {};
    return refusal_of_status_change(c, serial_hex, "certificate is already revoked");
  });
}

Status SqlStore::release_certificate_hold(const std::string& serial_hex) {
  return write([&](Connection& c) -> Status {
    SCEPTER_TRY(long long released,
                execute(c,
                        "UPDATE certificates SET status = 'valid', revoked_at = NULL, "
                        "revocation_reason = NULL WHERE serial = ? AND status = 'revoked' AND "
                        "revocation_reason = ?",
                        serial_hex, kCertificateHold));
    if (released > 0) return {};
    return refusal_of_status_change(c, serial_hex, "certificate is not on hold");
  });
}

Result<std::vector<CertificateRecord>> SqlStore::list_revoked(Id ca_id) {
  return read([&](Connection& c) {
    return select_all(c, read_certificate,
                      CERTIFICATE_SELECT
                      " WHERE ca_id = ? AND status = 'revoked' "
                      "ORDER BY revoked_at, id",
                      ca_id);
  });
}

}  // namespace scepter::store::sql
