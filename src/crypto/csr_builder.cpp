#include "crypto/csr_builder.hpp"

#include "crypto/digest.hpp"
#include "crypto/general_names.hpp"
#include "crypto/x509_name.hpp"

namespace scepter::crypto {
namespace {

Status add_alt_names(X509_REQ* req, const std::vector<SubjectAltName>& names) {
  SCEPTER_TRY(auto general_names, to_general_names(names, "alt_names"));
  using ExtensionStack = std::unique_ptr<STACK_OF(X509_EXTENSION), decltype([](auto* s) {
                                           sk_X509_EXTENSION_pop_free(s, X509_EXTENSION_free);
                                         })>;
  ExtensionStack extensions(sk_X509_EXTENSION_new_null());
  X509ExtensionHandle extension(X509V3_EXT_i2d(NID_subject_alt_name, 0, general_names.get()));
  if (!extensions || !extension || !sk_X509_EXTENSION_push(extensions.get(), extension.get())) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot encode subjectAltName"));
  }
  extension.release();  // owned by the stack now
  if (!X509_REQ_add_extensions(req, extensions.get())) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot add extensionRequest"));
  }
  return {};
}

}  // namespace

Result<Csr> build_csr(const CsrSpec& spec, const PrivateKey& key) {
  X509ReqHandle req(X509_REQ_new());
  if (!req) return fail(openssl_error(ErrorCategory::crypto, "out of memory"));
  SCEPTER_TRY(auto subject, to_x509_name(spec.subject, "subject"));
  if (!X509_REQ_set_version(req.get(), 0) || !X509_REQ_set_subject_name(req.get(), subject.get()) ||
      !X509_REQ_set_pubkey(req.get(), key.native())) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot build request"));
  }
  if (spec.challenge_password) {
    const auto& password = *spec.challenge_password;
    // OpenSSL picks the narrowest DirectoryString choice: PrintableString whenever it fits.
    if (!X509_REQ_add1_attr_by_NID(req.get(), NID_pkcs9_challengePassword, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(password.data()),
                                   static_cast<int>(password.size()))) {
      return fail(openssl_error(ErrorCategory::crypto, "cannot add challengePassword"));
    }
  }
  if (!spec.alt_names.empty()) SCEPTER_CHECK(add_alt_names(req.get(), spec.alt_names));
  if (X509_REQ_sign(req.get(), key.native(), message_digest(spec.digest)) <= 0) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot sign request"));
  }
  return Csr(share(std::move(req)));
}

}  // namespace scepter::crypto
