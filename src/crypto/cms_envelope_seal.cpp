// seal_envelope: an EnvelopedData built on the templates of cms_enveloped_data.hpp, its content
// key encrypted with encrypt_key, the bare operation the benchmark's floor times.

#include "crypto/asn1.hpp"
#include "crypto/cms_content_cipher.hpp"
#include "crypto/cms_enveloped.hpp"
#include "crypto/cms_enveloped_data.hpp"
#include "crypto/der.hpp"
#include "crypto/random.hpp"
#include "crypto/rsa_padding_params.hpp"

namespace scepter::crypto {
namespace {

// As OpenSSL's CMS code writes it: rsaEncryption with NULL parameters, or rsaesOaep.
Status set_key_encryption_algorithm(X509_ALGOR* algorithm, const EnvelopeAlgorithms& algorithms) {
  auto oaep = algorithms.oaep();
  if (!oaep) {
    return require_built(
        X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_rsaEncryption), V_ASN1_NULL, nullptr) == 1,
        "the key encryption algorithm");
  }
  SCEPTER_TRY(auto parameters, rsaes_oaep_params(*oaep));
  SCEPTER_CHECK(require_built(X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_rsaesOaep),
                                              V_ASN1_SEQUENCE, parameters.get()) == 1,
                              "the key encryption algorithm"));
  parameters.release();
  return {};
}

// Named by issuer and serial number as cms_enveloped.hpp promises, hence version 0 (RFC 5652
// section 6.2.1).
Result<Asn1TypeHandle> recipient_info(const Certificate& recipient, ByteView encrypted_key,
                                      const EnvelopeAlgorithms& algorithms) {
  CmsKeyTransRecipientHandle info(CmsKeyTransRecipient_new());
  SCEPTER_CHECK(require_built(info && ASN1_INTEGER_set(info->version, 0) == 1 &&
                                  set_string_bytes(info->encrypted_key, encrypted_key),
                              "the KeyTransRecipientInfo"));
  SCEPTER_CHECK(name_by_issuer_and_serial(*info->recipient_id, recipient));
  SCEPTER_CHECK(set_key_encryption_algorithm(info->key_encryption_algorithm, algorithms));
  auto der = encode_der(i2d_CmsKeyTransRecipient, info.get());
  Asn1TypeHandle any = der.empty() ? nullptr : sequence_any(der);
  SCEPTER_CHECK(require_built(any != nullptr, "the KeyTransRecipientInfo encoding"));
  return any;
}

Status set_content_encryption(X509_ALGOR* algorithm, const EVP_CIPHER* cipher, ByteView iv) {
  Asn1OctetStringHandle parameter(ASN1_OCTET_STRING_new());
  SCEPTER_CHECK(
      require_built(parameter && set_string_bytes(parameter.get(), iv) &&
                        X509_ALGOR_set0(algorithm, OBJ_nid2obj(EVP_CIPHER_get_type(cipher)),
                                        V_ASN1_OCTET_STRING, parameter.get()) == 1,
                    "the content encryption algorithm"));
  parameter.release();
  return {};
}

// Version 0, as RFC 5652 section 6.1 has it for a version 0 KeyTransRecipientInfo alone, without
// originatorInfo or unprotectedAttrs.
Result<Bytes> envelope_der(Asn1TypeHandle recipient, const EVP_CIPHER* cipher, ByteView iv,
                           ByteView ciphertext) {
  CmsEnvelopedContentInfoHandle info(CmsEnvelopedContentInfo_new());
  SCEPTER_CHECK(require_built(info != nullptr, "the EnvelopedData"));
  info->type = OBJ_nid2obj(NID_pkcs7_enveloped);
  CmsEnvelopedDataFields& envelope = *info->enveloped_data;
  CmsEncryptedContent& encrypted = *envelope.encrypted_content_info;
  encrypted.type = OBJ_nid2obj(NID_pkcs7_data);
  encrypted.encrypted_content = ASN1_OCTET_STRING_new();
  SCEPTER_CHECK(require_built(encrypted.encrypted_content != nullptr &&
                                  set_string_bytes(encrypted.encrypted_content, ciphertext) &&
                                  ASN1_INTEGER_set(envelope.version, 0) == 1 &&
                                  sk_ASN1_TYPE_push(envelope.recipient_infos, recipient.get()) > 0,
                              "the EnvelopedData"));
  recipient.release();
  SCEPTER_CHECK(set_content_encryption(encrypted.content_encryption_algorithm, cipher, iv));
  auto der = encode_der(i2d_CmsEnvelopedContentInfo, info.get());
  SCEPTER_CHECK(require_built(!der.empty(), "the EnvelopedData encoding"));
  return der;
}

Result<Bytes> seal_with_key_transport(ByteView content, const Certificate& recipient,
                                      const EnvelopeAlgorithms& algorithms,
                                      const EVP_CIPHER* cipher) {
  ContentKey content_key(Bytes(static_cast<std::size_t>(EVP_CIPHER_get_key_length(cipher))));
  Bytes iv = random_bytes(static_cast<std::size_t>(EVP_CIPHER_get_iv_length(cipher)));
  CipherCtxHandle context(EVP_CIPHER_CTX_new());
  // rand_key, rather than random bytes, sets the parity bits of DES keys.
  if (!context || EVP_EncryptInit_ex2(context.get(), cipher, nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_rand_key(context.get(), content_key.data()) != 1 ||
      EVP_EncryptInit_ex2(context.get(), nullptr, content_key.data(), iv.data(), nullptr) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot set up the content cipher"));
  }
  SCEPTER_TRY(auto ciphertext, run_cipher(context.get(), content));
  SCEPTER_TRY(auto encrypted_key,
              encrypt_key(recipient.public_key(), ByteView(content_key.data(), content_key.size()),
                          algorithms.oaep()));
  SCEPTER_TRY(auto ours, recipient_info(recipient, encrypted_key, algorithms));
  return envelope_der(std::move(ours), cipher, iv, ciphertext);
}

// An EC requester's reply is encrypted by key agreement (RFC 5753), which stays with OpenSSL's
// CMS code: SCEP clients send RSA keys almost always, and this path's cost does not matter.
Result<Bytes> seal_with_key_agreement(ByteView content, const Certificate& recipient,
                                      const EVP_CIPHER* cipher) {
  BioHandle data = read_bio(content);
  unsigned flags = CMS_BINARY | CMS_PARTIAL;
  CmsHandle cms(data ? CMS_encrypt(nullptr, data.get(), cipher, flags) : nullptr);
  if (!cms || CMS_add1_recipient_cert(cms.get(), recipient.native(), CMS_KEY_PARAM) == nullptr ||
      CMS_final(cms.get(), data.get(), nullptr, CMS_BINARY) != 1) {
    return fail(openssl_error(ErrorCategory::bad_request, "cannot encrypt to this certificate"));
  }
  auto der = encode_der(i2d_CMS_ContentInfo, cms.get());
  SCEPTER_CHECK(require_built(!der.empty(), "the EnvelopedData encoding"));
  return der;
}

}  // namespace

Result<Bytes> seal_envelope(ByteView content, const Certificate& recipient,
                            const EnvelopeAlgorithms& algorithms) {
  SCEPTER_TRY(const EVP_CIPHER* cipher, content_cipher(algorithms.cipher));
  if (recipient.public_key().type() == KeyType::rsa) {
    return seal_with_key_transport(content, recipient, algorithms, cipher);
  }
  return seal_with_key_agreement(content, recipient, cipher);
}

}  // namespace scepter::crypto
