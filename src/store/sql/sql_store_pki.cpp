// CAs, RA certificates and CRLs.
#include "store/sql/sql_store_impl.hpp"
#include "store/sql/statements.hpp"

namespace scepter::store::sql {
namespace {

#define CA_SELECT "SELECT id, name, role, parent_id, certificate_pem, key_ref, created_at FROM cas"

Result<CaRecord> read_ca(const Query& q) {
  return CaRecord{.id = q.integer(0),
                  .name = q.text(1),
                  .role = q.text(2),
                  .parent_id = q.optional_integer(3),
                  .certificate_pem = q.text(4),
                  .key_ref = q.text(5),
                  .created_at = q.integer(6)};
}

#define RA_SELECT                                                                        \
  "SELECT id, name, ca_id, certificate_pem, key_ref, subject, fingerprint, not_before, " \
  "not_after, created_at FROM ra_certificates"

Result<RaCertificate> read_ra(const Query& q) {
  return RaCertificate{.id = q.integer(0),
                       .name = q.text(1),
                       .ca_id = q.integer(2),
                       .certificate_pem = q.text(3),
                       .key_ref = q.text(4),
                       .subject = q.text(5),
                       .fingerprint = q.text(6),
                       .not_before = q.integer(7),
                       .not_after = q.integer(8),
                       .created_at = q.integer(9)};
}

Result<CrlRecord> read_crl(const Query& q) {
  return CrlRecord{.ca_id = q.integer(0),
                   .number = q.integer(1),
                   .der = q.blob(2),
                   .this_update = q.integer(3),
                   .next_update = q.integer(4)};
}

}  // namespace

Result<CaRecord> SqlStore::create_ca(const CaRecord& ca) {
  return config_write([&](Connection& c) -> Result<CaRecord> {
    CaRecord created = ca;
    SCEPTER_TRY(created.id, insert(c,
                                   "INSERT INTO cas (name, role, parent_id, certificate_pem, "
                                   "key_ref, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                   ca.name, ca.role, ca.parent_id, ca.certificate_pem, ca.key_ref,
                                   ca.created_at));
    return created;
  });
}

Result<CaRecord> SqlStore::get_ca(Id id) {
  return read(
      [&](Connection& c) { return select_one(c, "CA", read_ca, CA_SELECT " WHERE id = ?", id); });
}

Result<std::vector<CaRecord>> SqlStore::list_cas() {
  return read([&](Connection& c) { return select_all(c, read_ca, CA_SELECT " ORDER BY id"); });
}

Status SqlStore::activate_ca(Id next_id) {
  return config_write([&](Connection& c) -> Status {
    SCEPTER_TRY(long long found,
                select_integer(c, "SELECT COUNT(*) FROM cas WHERE id = ?", next_id));
    SCEPTER_CHECK(expect_found(found, "CA"));
    SCEPTER_CHECK(
        run(c, "UPDATE cas SET role = 'retired' WHERE role = 'issuing' AND id <> ?", next_id));
    SCEPTER_CHECK(run(c, "UPDATE cas SET role = 'issuing' WHERE id = ?", next_id));
    return {};
  });
}

Result<RaCertificate> SqlStore::create_ra_certificate(const RaCertificate& ra) {
  return config_write([&](Connection& c) -> Result<RaCertificate> {
    RaCertificate created = ra;
    SCEPTER_TRY(created.id,
                insert(c,
                       "INSERT INTO ra_certificates (name, ca_id, certificate_pem, key_ref, "
                       "subject, fingerprint, not_before, not_after, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       ra.name, ra.ca_id, ra.certificate_pem, ra.key_ref, ra.subject,
                       ra.fingerprint, ra.not_before, ra.not_after, ra.created_at));
    return created;
  });
}

Result<RaCertificate> SqlStore::get_ra_certificate(Id id) {
  return read([&](Connection& c) {
    return select_one(c, "RA certificate", read_ra, RA_SELECT " WHERE id = ?", id);
  });
}

Result<RaCertificate> SqlStore::find_ra_certificate(const std::string& name) {
  return read([&](Connection& c) {
    return select_one(c, "RA certificate", read_ra, RA_SELECT " WHERE name = ?", name);
  });
}

Result<std::vector<RaCertificate>> SqlStore::list_ra_certificates() {
  return read([&](Connection& c) { return select_all(c, read_ra, RA_SELECT " ORDER BY id"); });
}

Result<std::optional<CrlRecord>> SqlStore::latest_crl(Id ca_id) {
  return read([&](Connection& c) {
    return select_optional(c, read_crl,
                           "SELECT ca_id, number, der, this_update, next_update FROM crls "
                           "WHERE ca_id = ? ORDER BY number DESC LIMIT 1",
                           ca_id);
  });
}

Status SqlStore::save_crl(const CrlRecord& crl) {
  return write([&](Connection& c) {
    return run(c,
               "INSERT INTO crls (ca_id, number, der, this_update, next_update) "
               "VALUES (?, ?, ?, ?, ?)",
               crl.ca_id, crl.number, crl.der, crl.this_update, crl.next_update);
  });
}

}  // namespace scepter::store::sql
