#include "crypto/certificate.hpp"

#include <openssl/pem.h>

#include "crypto/asn1.hpp"
#include "crypto/der.hpp"
#include "crypto/digest.hpp"
#include "crypto/general_names.hpp"
#include "crypto/key_type.hpp"
#include "crypto/keyless_certificate.hpp"
#include "crypto/pem.hpp"
#include "crypto/x509_name.hpp"

namespace scepter::crypto {
namespace {

// Every Certificate has a public key of a supported type, so public_key() cannot fail later.
Result<Certificate> adopt(X509Handle cert) {
  SCEPTER_CHECK(supported_key_type(X509_get0_pubkey(cert.get())));
  return Certificate(share(std::move(cert)));
}

bool is_pem_end_of_input(unsigned long error) {
  return ERR_GET_LIB(error) == ERR_LIB_PEM && ERR_GET_REASON(error) == PEM_R_NO_START_LINE;
}

std::string digest_hex(const X509* cert, DigestAlg alg, bool upper) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(cert, message_digest(alg), digest, &length) != 1) return {};
  return hex_encode(ByteView(digest, length), upper);
}

}  // namespace

Result<Certificate> complete_certificate(X509Handle keyless, ByteView der) {
  // Built-in keys are RSA or EC (builtin_public_key.hpp), as adopt requires.
  if (keyless && set_builtin_key(*keyless)) return Certificate(share(std::move(keyless)));
  auto cert = decode_der<X509, X509_free>(d2i_X509, der);
  if (!cert) return fail(openssl_error(ErrorCategory::bad_request, "not an X.509 certificate"));
  return adopt(std::move(cert));
}

Result<Certificate> Certificate::from_der(ByteView der) {
  return complete_certificate(decode_keyless(der), der);
}

Result<Certificate> Certificate::from_pem(std::string_view pem) {
  auto bio = read_bio(as_bytes(pem));
  X509Handle cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, refuse_passphrase, nullptr)
                      : nullptr);
  if (!cert) return fail(openssl_error(ErrorCategory::bad_request, "not a PEM certificate"));
  return adopt(std::move(cert));
}

Result<std::vector<Certificate>> Certificate::bundle_from_pem(std::string_view pem) {
  auto bio = read_bio(as_bytes(pem));
  if (!bio) return fail(openssl_error(ErrorCategory::crypto, "cannot read certificates"));
  std::vector<Certificate> bundle;
  for (;;) {
    X509Handle cert(PEM_read_bio_X509(bio.get(), nullptr, refuse_passphrase, nullptr));
    if (!cert) {
      if (!bundle.empty() && is_pem_end_of_input(ERR_peek_last_error())) {
        ERR_clear_error();
        return bundle;
      }
      return fail(openssl_error(ErrorCategory::bad_request, "not a PEM certificate bundle"));
    }
    SCEPTER_TRY(auto next, adopt(std::move(cert)));
    bundle.push_back(std::move(next));
  }
}

Bytes Certificate::der() const {
  return encode_der<X509>(i2d_X509, cert_.get());
}

std::string Certificate::pem() const {
  return to_pem({*this});
}

DistinguishedName Certificate::subject() const {
  return from_x509_name(X509_get_subject_name(cert_.get()));
}

DistinguishedName Certificate::issuer() const {
  return from_x509_name(X509_get_issuer_name(cert_.get()));
}

std::string Certificate::subject_text() const {
  return to_string(subject());
}

Bytes Certificate::subject_der() const {
  return encode_der<X509_NAME>(i2d_X509_NAME, X509_get_subject_name(cert_.get()));
}

Bytes Certificate::issuer_der() const {
  return encode_der<X509_NAME>(i2d_X509_NAME, X509_get_issuer_name(cert_.get()));
}

Bytes Certificate::serial() const {
  return integer_magnitude(X509_get0_serialNumber(cert_.get()));
}

std::string Certificate::serial_hex() const {
  return hex_encode(serial());
}

TimePoint Certificate::not_before() const {
  return to_time_point(X509_get0_notBefore(cert_.get()));
}

TimePoint Certificate::not_after() const {
  return to_time_point(X509_get0_notAfter(cert_.get()));
}

PublicKey Certificate::public_key() const {
  // Shares ownership with the certificate, which owns the key.
  // The SubjectPublicKeyInfo as parsed, re-serialized without OpenSSL's key encoders.
  auto spki = encode_der<X509_PUBKEY>(i2d_X509_PUBKEY, X509_get_X509_PUBKEY(cert_.get()));
  return PublicKey(std::shared_ptr<EVP_PKEY>(cert_, X509_get0_pubkey(cert_.get())),
                   std::move(spki));
}

std::vector<SubjectAltName> Certificate::subject_alt_names() const {
  GeneralNamesHandle names(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert_.get(), NID_subject_alt_name, nullptr, nullptr)));
  if (!names) return {};
  return from_general_names(names.get());
}

std::string Certificate::sha256_fingerprint() const {
  return digest_hex(cert_.get(), DigestAlg::sha256, false);
}

std::string Certificate::sha1_thumbprint() const {
  return digest_hex(cert_.get(), DigestAlg::sha1, true);
}

bool Certificate::is_ca() const {
  return (X509_get_extension_flags(cert_.get()) & EXFLAG_CA) != 0;
}

bool Certificate::is_self_issued() const {
  return X509_NAME_cmp(X509_get_subject_name(cert_.get()), X509_get_issuer_name(cert_.get())) == 0;
}

bool Certificate::is_signed_by(const Certificate& issuer) const {
  if (X509_NAME_cmp(X509_get_issuer_name(cert_.get()), X509_get_subject_name(issuer.native())) !=
      0) {
    return false;
  }
  ErrorQueueMark mark;  // a signature that does not verify is an answer, not a fault
  return X509_verify(cert_.get(), X509_get0_pubkey(issuer.native())) == 1;
}

bool Certificate::operator==(const Certificate& other) const {
  return cert_ == other.cert_ || X509_cmp(cert_.get(), other.cert_.get()) == 0;
}

std::string to_pem(const std::vector<Certificate>& chain) {
  auto bio = write_bio();
  if (!bio) return {};
  for (const auto& cert : chain) {
    if (PEM_write_bio_X509(bio.get(), cert.native()) != 1) return {};
  }
  return bio_text(bio.get());
}

}  // namespace scepter::crypto
