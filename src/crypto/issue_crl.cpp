#include "crypto/asn1.hpp"
#include "crypto/der.hpp"
#include "crypto/extensions.hpp"
#include "crypto/issue.hpp"
#include "crypto/signer.hpp"

namespace scepter::crypto {
namespace {

Error build_error() {
  return openssl_error(ErrorCategory::crypto, "cannot build CRL");
}

Result<X509RevokedHandle> make_entry(const RevokedEntry& entry) {
  SCEPTER_TRY(auto serial, make_positive_integer(entry.serial, "serial"));
  auto revoked_at = make_time(entry.revoked_at);
  X509RevokedHandle revoked(X509_REVOKED_new());
  if (!revoked || !revoked_at || X509_REVOKED_set_serialNumber(revoked.get(), serial.get()) != 1 ||
      X509_REVOKED_set_revocationDate(revoked.get(), revoked_at.get()) != 1) {
    return fail(build_error());
  }
  // RFC 5280 5.3.1: the unspecified reason is expressed by leaving reasonCode out.
  if (entry.reason != RevocationReason::unspecified) {
    Asn1EnumeratedHandle reason(ASN1_ENUMERATED_new());
    if (!reason || ASN1_ENUMERATED_set(reason.get(), static_cast<long>(entry.reason)) != 1 ||
        X509_REVOKED_add1_ext_i2d(revoked.get(), NID_crl_reason, reason.get(), 0, 0) != 1) {
      return fail(build_error());
    }
  }
  return revoked;
}

Status set_header(X509_CRL* crl, const CrlSpec& spec, const Certificate& issuer) {
  if (spec.next_update <= spec.this_update) {
    return fail(invalid_field("next_update", "must follow this_update"));
  }
  auto this_update = make_time(spec.this_update);
  auto next_update = make_time(spec.next_update);
  if (!this_update || !next_update || X509_CRL_set_version(crl, X509_CRL_VERSION_2) != 1 ||
      X509_CRL_set_issuer_name(crl, X509_get_subject_name(issuer.native())) != 1 ||
      X509_CRL_set1_lastUpdate(crl, this_update.get()) != 1 ||
      X509_CRL_set1_nextUpdate(crl, next_update.get()) != 1) {
    return fail(build_error());
  }
  return {};
}

Status add_crl_extensions(X509_CRL* crl, const CrlSpec& spec, const Certificate& issuer) {
  SCEPTER_TRY(auto number, make_positive_integer(spec.crl_number, "crl_number"));
  SCEPTER_TRY(auto authority, make_authority_key_identifier(issuer_key_identifier(issuer)));
  if (X509_CRL_add1_ext_i2d(crl, NID_authority_key_identifier, authority.get(), 0, 0) != 1 ||
      X509_CRL_add1_ext_i2d(crl, NID_crl_number, number.get(), 0, 0) != 1) {
    return fail(build_error());
  }
  return {};
}

}  // namespace

Result<Crl> issue_crl(const CrlSpec& spec, const Certificate& issuer,
                      const PrivateKey& issuer_key) {
  SCEPTER_TRY(const EVP_MD* digest, signing_digest(spec.digest));
  SCEPTER_CHECK(check_issuer_key(issuer, issuer_key));
  X509CrlHandle crl(X509_CRL_new());
  if (!crl) return fail(build_error());
  SCEPTER_CHECK(set_header(crl.get(), spec, issuer));
  for (const auto& entry : spec.entries) {
    SCEPTER_TRY(auto revoked, make_entry(entry));
    if (X509_CRL_add0_revoked(crl.get(), revoked.get()) != 1) return fail(build_error());
    revoked.release();
  }
  SCEPTER_CHECK(add_crl_extensions(crl.get(), spec, issuer));
  if (X509_CRL_sort(crl.get()) != 1 || X509_CRL_sign(crl.get(), issuer_key.native(), digest) <= 0) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot sign CRL"));
  }
  return Crl::from_der(encode_der<X509_CRL>(i2d_X509_CRL, crl.get()));
}

}  // namespace scepter::crypto
