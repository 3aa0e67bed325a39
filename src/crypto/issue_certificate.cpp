#include "crypto/asn1.hpp"
#include "crypto/builtin_public_key.hpp"
#include "crypto/der.hpp"
#include "crypto/digest.hpp"
#include "crypto/extensions.hpp"
#include "crypto/issue.hpp"
#include "crypto/signer.hpp"
#include "crypto/x509_name.hpp"

namespace scepter::crypto {
namespace {

Status check_signer(const CertificateSpec& spec, const Certificate* issuer,
                    const PrivateKey& issuer_key) {
  if (issuer != nullptr) return check_issuer_key(*issuer, issuer_key);
  if (!(spec.public_key == issuer_key.public_key())) {
    return fail(
        invalid_field("public_key", "a self-signed certificate must carry the signing key"));
  }
  return {};
}

Status set_validity(X509* cert, TimePoint not_before, TimePoint not_after) {
  if (not_after <= not_before) return fail(invalid_field("not_after", "must follow not_before"));
  auto start = make_time(not_before);
  auto end = make_time(not_after);
  if (!start || !end || X509_set1_notBefore(cert, start.get()) != 1 ||
      X509_set1_notAfter(cert, end.get()) != 1) {
    return fail(openssl_error(ErrorCategory::invalid, "validity cannot be encoded"));
  }
  return {};
}

// With a built-in key, X509_set_pubkey encodes it directly and keeps it in the certificate, so
// the issued certificate is usable as built. A provider key would go through OpenSSL 3.0's encoder
// and then its decoder, and so would parsing the signed certificate back from its DER.
Status set_public_key(X509* cert, const PublicKey& key) {
  auto spki = key.der();
  const unsigned char* cursor = spki.data();
  long length = 0;
  int tag = 0, object_class = 0;
  if ((ASN1_get_object(&cursor, &length, &tag, &object_class, static_cast<long>(spki.size())) &
       0x80) != 0 ||
      tag != V_ASN1_SEQUENCE) {
    return fail(ErrorCategory::crypto, "cannot read the SubjectPublicKeyInfo");
  }
  const unsigned char* end = cursor + length;
  X509AlgorHandle algorithm(d2i_X509_ALGOR(nullptr, &cursor, end - cursor));
  Asn1BitStringHandle bits(algorithm ? d2i_ASN1_BIT_STRING(nullptr, &cursor, end - cursor)
                                     : nullptr);
  PkeyHandle builtin = bits ? builtin_public_key(*algorithm, *bits) : nullptr;
  if (!builtin || X509_set_pubkey(cert, builtin.get()) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot set the public key"));
  }
  return {};
}

Status set_identity(X509* cert, const CertificateSpec& spec, const Certificate* issuer) {
  SCEPTER_TRY(auto serial, make_positive_integer(spec.serial, "serial"));
  SCEPTER_TRY(auto subject, to_x509_name(spec.subject, "subject"));
  const X509_NAME* issuer_name = issuer ? X509_get_subject_name(issuer->native()) : subject.get();
  if (X509_set_version(cert, X509_VERSION_3) != 1 ||
      X509_set_serialNumber(cert, serial.get()) != 1 ||
      X509_set_subject_name(cert, subject.get()) != 1 ||
      X509_set_issuer_name(cert, issuer_name) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot build certificate"));
  }
  SCEPTER_CHECK(set_public_key(cert, spec.public_key));
  return set_validity(cert, spec.not_before, spec.not_after);
}

Status add_extensions(X509* cert, const CertificateSpec& spec, const Certificate* issuer) {
  // Hashes the key encoding the certificate already holds (RFC 5280 4.2.1.2 method 1).
  Bytes subject_key_id(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  if (X509_pubkey_digest(cert, message_digest(DigestAlg::sha1), subject_key_id.data(), &length) !=
      1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot hash the subject key"));
  }
  subject_key_id.resize(length);
  // A self-signed certificate's authority is its own key.
  auto authority_key_id = issuer ? issuer_key_identifier(*issuer) : subject_key_id;
  SCEPTER_TRY(auto authority, make_authority_key_identifier(authority_key_id));
  SCEPTER_CHECK(add_basic_constraints(cert, spec.is_ca, spec.path_length));
  SCEPTER_CHECK(add_key_usage(cert, spec.key_usage));
  SCEPTER_CHECK(add_extended_key_usage(cert, spec.extended_key_usage));
  SCEPTER_CHECK(add_subject_alt_names(cert, spec.alt_names, spec.subject.empty()));
  SCEPTER_CHECK(add_crl_distribution_points(cert, spec.crl_distribution_points));
  SCEPTER_CHECK(add_subject_key_identifier(cert, subject_key_id));
  if (X509_add1_ext_i2d(cert, NID_authority_key_identifier, authority.get(), 0,
                        X509V3_ADD_DEFAULT) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot add authorityKeyIdentifier"));
  }
  return {};
}

}  // namespace

Result<Certificate> issue_certificate(const CertificateSpec& spec, const Certificate* issuer,
                                      const PrivateKey& issuer_key) {
  SCEPTER_TRY(const EVP_MD* digest, signing_digest(spec.digest));
  SCEPTER_CHECK(check_signer(spec, issuer, issuer_key));
  X509Handle cert(X509_new());
  if (!cert) return fail(openssl_error(ErrorCategory::crypto, "cannot build certificate"));
  SCEPTER_CHECK(set_identity(cert.get(), spec, issuer));
  SCEPTER_CHECK(add_extensions(cert.get(), spec, issuer));
  // With an EC key the same call signs ECDSA with `digest`, with an RSA key PKCS#1 v1.5.
  if (X509_sign(cert.get(), issuer_key.native(), digest) <= 0) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot sign certificate"));
  }
  // Signing encoded every part of the certificate once (names keep their encoding from then
  // on), so later encodings only read it and threads may share the result as built.
  return Certificate(share(std::move(cert)));
}

}  // namespace scepter::crypto
