#include "crypto/cms_client_request.hpp"

#include "crypto/der.hpp"
#include "crypto/digest.hpp"
#include "crypto/general_names.hpp"
#include "crypto/x509_name.hpp"

namespace scepter::crypto {
namespace {

Status add_alt_names(X509_REQ* request, const std::vector<SubjectAltName>& names) {
  if (names.empty()) return {};
  SCEPTER_TRY(auto general_names, to_general_names(names, "alt_names"));
  X509ExtensionsHandle extensions(sk_X509_EXTENSION_new_null());
  X509ExtensionHandle extension(X509V3_EXT_i2d(NID_subject_alt_name, 0, general_names.get()));
  if (!extensions || !extension || sk_X509_EXTENSION_push(extensions.get(), extension.get()) == 0) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot build extensionRequest"));
  }
  extension.release();
  if (X509_REQ_add_extensions(request, extensions.get()) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot add extensionRequest"));
  }
  return {};
}

}  // namespace

Result<Csr> build_csr(const CsrSpec& spec, const PrivateKey& key) {
  X509ReqHandle request(X509_REQ_new());
  if (!request || X509_REQ_set_version(request.get(), X509_REQ_VERSION_1) != 1 ||
      X509_REQ_set_pubkey(request.get(), key.native()) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot create certification request"));
  }
  SCEPTER_TRY(auto subject, to_x509_name(spec.subject, "subject"));
  if (X509_REQ_set_subject_name(request.get(), subject.get()) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot set subject"));
  }
  if (spec.challenge_password) {
    const auto& password = *spec.challenge_password;
    if (X509_REQ_add1_attr_by_NID(request.get(), NID_pkcs9_challengePassword,
                                  V_ASN1_PRINTABLESTRING,
                                  reinterpret_cast<const unsigned char*>(password.data()),
                                  static_cast<int>(password.size())) != 1) {
      auto error = openssl_error(ErrorCategory::invalid, "cannot encode challenge password");
      error.field = "challenge_password";
      return fail(std::move(error));
    }
  }
  SCEPTER_CHECK(add_alt_names(request.get(), spec.alt_names));
  const EVP_MD* digest = message_digest(spec.digest);
  if (digest == nullptr || X509_REQ_sign(request.get(), key.native(), digest) <= 0) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot sign certification request"));
  }
  return Csr::from_der(encode_der<X509_REQ>(i2d_X509_REQ, request.get()));
}

}  // namespace scepter::crypto
