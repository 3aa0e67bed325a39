#include <openssl/pem.h>

#include <algorithm>

#include "crypto/asn1.hpp"
#include "crypto/der.hpp"
#include "crypto/issue.hpp"
#include "crypto/pem.hpp"
#include "crypto/x509_name.hpp"

namespace scepter::crypto {
namespace {

RevocationReason reason_of(const X509_REVOKED* revoked) {
  Asn1EnumeratedHandle code(static_cast<ASN1_ENUMERATED*>(
      X509_REVOKED_get_ext_d2i(revoked, NID_crl_reason, nullptr, nullptr)));
  if (!code) return RevocationReason::unspecified;
  switch (long value = ASN1_ENUMERATED_get(code.get())) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 9:
      return static_cast<RevocationReason>(value);
    default:
      return RevocationReason::unspecified;
  }
}

}  // namespace

Result<Crl> Crl::from_der(ByteView der) {
  auto crl = decode_der<X509_CRL, X509_CRL_free>(d2i_X509_CRL, der);
  if (!crl) return fail(openssl_error(ErrorCategory::bad_request, "not an X.509 CRL"));
  return Crl(share(std::move(crl)));
}

Bytes Crl::der() const {
  return encode_der<X509_CRL>(i2d_X509_CRL, crl_.get());
}

std::string Crl::pem() const {
  auto bio = write_bio();
  if (!bio || PEM_write_bio_X509_CRL(bio.get(), crl_.get()) != 1) return {};
  return bio_text(bio.get());
}

DistinguishedName Crl::issuer() const {
  return from_x509_name(X509_CRL_get_issuer(crl_.get()));
}

TimePoint Crl::this_update() const {
  return to_time_point(X509_CRL_get0_lastUpdate(crl_.get()));
}

std::optional<TimePoint> Crl::next_update() const {
  const ASN1_TIME* next = X509_CRL_get0_nextUpdate(crl_.get());
  if (next == nullptr) return std::nullopt;
  return to_time_point(next);
}

std::optional<Bytes> Crl::crl_number() const {
  Asn1IntegerHandle number(static_cast<ASN1_INTEGER*>(
      X509_CRL_get_ext_d2i(crl_.get(), NID_crl_number, nullptr, nullptr)));
  if (!number) return std::nullopt;
  return integer_magnitude(number.get());
}

std::vector<RevokedEntry> Crl::entries() const {
  STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(crl_.get());
  std::vector<RevokedEntry> out;
  out.reserve(static_cast<std::size_t>(std::max(sk_X509_REVOKED_num(revoked), 0)));
  for (int i = 0; i < sk_X509_REVOKED_num(revoked); ++i) {
    const X509_REVOKED* entry = sk_X509_REVOKED_value(revoked, i);
    out.push_back({integer_magnitude(X509_REVOKED_get0_serialNumber(entry)),
                   to_time_point(X509_REVOKED_get0_revocationDate(entry)), reason_of(entry)});
  }
  return out;
}

bool Crl::is_signed_by(const Certificate& issuer) const {
  if (X509_NAME_cmp(X509_CRL_get_issuer(crl_.get()), X509_get_subject_name(issuer.native())) != 0) {
    return false;
  }
  ErrorQueueMark mark;  // a signature that does not verify is an answer, not a fault
  return X509_CRL_verify(crl_.get(), X509_get0_pubkey(issuer.native())) == 1;
}

}  // namespace scepter::crypto
