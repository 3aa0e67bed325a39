// open_envelope: an EnvelopedData read with the templates of cms_enveloped_data.hpp, its content
// key decrypted with decrypt_key, the bare operation the benchmark's floor times.

#include "crypto/asn1.hpp"
#include "crypto/cms_content_cipher.hpp"
#include "crypto/cms_enveloped.hpp"
#include "crypto/cms_enveloped_data.hpp"
#include "crypto/der.hpp"
#include "crypto/random.hpp"
#include "crypto/rsa_padding_params.hpp"

namespace scepter::crypto {
namespace {

std::unexpected<Error> not_an_envelope() {
  return fail(ErrorCategory::bad_request, "message is not a DER EnvelopedData");
}

// One answer for a content key that does not decrypt and content that does not, so that the
// answers are no padding oracle.
std::unexpected<Error> does_not_decrypt() {
  return fail(ErrorCategory::bad_message_check, "message envelope does not decrypt");
}

Result<CmsEnvelopedContentInfoHandle> parse_envelope(ByteView der) {
  CmsEnvelopedContentInfoHandle info;
  {
    ErrorQueueMark mark;
    info = decode_der<CmsEnvelopedContentInfo, CmsEnvelopedContentInfo_free>(
        d2i_CmsEnvelopedContentInfo, der);
  }
  if (!info || OBJ_obj2nid(info->type) != NID_pkcs7_enveloped) return not_an_envelope();
  return info;
}

struct ContentEncryption {
  ContentCipher cipher;
  const EVP_CIPHER* implementation;
  ByteView iv;
};

// A CBC cipher's parameter is its IV, an OCTET STRING (RFC 3565 for AES, RFC 3370 for DES).
Result<ContentEncryption> read_content_encryption(const X509_ALGOR& algorithm) {
  auto cipher = cipher_of(OBJ_obj2nid(algorithm.algorithm));
  if (!cipher) return fail(ErrorCategory::bad_alg, "unsupported content encryption algorithm");
  SCEPTER_TRY(const EVP_CIPHER* implementation, content_cipher(*cipher));
  const ASN1_TYPE* iv = algorithm.parameter;
  if (iv == nullptr || ASN1_TYPE_get(iv) != V_ASN1_OCTET_STRING ||
      ASN1_STRING_length(iv->value.octet_string) != EVP_CIPHER_get_iv_length(implementation)) {
    return fail(ErrorCategory::bad_request, "content encryption IV is missing or malformed");
  }
  return ContentEncryption{*cipher, implementation, string_bytes(iv->value.octet_string)};
}

Status read_key_transport(const X509_ALGOR& algorithm, EnvelopeAlgorithms& algorithms) {
  switch (OBJ_obj2nid(algorithm.algorithm)) {
    case NID_rsaEncryption:
      algorithms.key_transport = KeyTransport::rsa_pkcs1_v15;
      return {};
    case NID_rsaesOaep: {
      SCEPTER_TRY(auto oaep, read_rsaes_oaep_params(algorithm.parameter));
      algorithms.key_transport = KeyTransport::rsa_oaep;
      algorithms.oaep_digest = oaep.digest;
      if (oaep.mask_digest != oaep.digest) algorithms.oaep_mask_digest = oaep.mask_digest;
      return {};
    }
    default:
      return fail(ErrorCategory::bad_alg, "unsupported key transport algorithm");
  }
}

// The first KeyTransRecipientInfo naming `recipient`. The other kinds of RecipientInfo are
// tagged; they are for other recipients, and skipped.
Result<CmsKeyTransRecipientHandle> find_recipient(const CmsEnvelopedDataFields& envelope,
                                                  const Certificate& recipient) {
  for (int i = 0; i < sk_ASN1_TYPE_num(envelope.recipient_infos); ++i) {
    const ASN1_TYPE* info = sk_ASN1_TYPE_value(envelope.recipient_infos, i);
    auto alternative = choice_alternative(info);
    if (alternative == ChoiceAlternative::invalid) return not_an_envelope();
    if (alternative == ChoiceAlternative::tagged) continue;
    CmsKeyTransRecipientHandle candidate;
    {
      ErrorQueueMark mark;
      candidate = decode_der<CmsKeyTransRecipient, CmsKeyTransRecipient_free>(
          d2i_CmsKeyTransRecipient, string_bytes(info->value.sequence));
    }
    if (!candidate) return not_an_envelope();
    if (identifies(*candidate->recipient_id, recipient.native())) return candidate;
  }
  return fail(ErrorCategory::bad_cert_id, std::string(not_our_recipient_text));
}

// A content key that does not decrypt, or is not the cipher's length, is replaced by a random
// one and the content decrypted all the same, the "random filling" of RFC 3218 that OpenSSL's
// CMS code does too against Bleichenbacher-style attacks: every failure takes one path and gets
// one answer.
Result<Bytes> decrypt_content(const CmsKeyTransRecipient& ours,
                              const EnvelopeAlgorithms& algorithms,
                              const ContentEncryption& encryption, ByteView ciphertext,
                              const PrivateKey& key) {
  auto decrypted = decrypt_key(key, string_bytes(ours.encrypted_key), algorithms.oaep());
  if (!decrypted && decrypted.error().category != ErrorCategory::bad_message_check) {
    return std::unexpected(decrypted.error());
  }
  ContentKey content_key(decrypted ? std::move(*decrypted) : Bytes{});
  auto key_length = static_cast<std::size_t>(EVP_CIPHER_get_key_length(encryption.implementation));
  bool key_fits = decrypted && content_key.size() == key_length;
  if (!key_fits) content_key.replace(random_bytes(key_length));

  CipherCtxHandle context(EVP_CIPHER_CTX_new());
  if (!context || EVP_DecryptInit_ex2(context.get(), encryption.implementation, content_key.data(),
                                      encryption.iv.data(), nullptr) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot set up the content cipher"));
  }
  ErrorQueueMark mark;
  auto content = run_cipher(context.get(), ciphertext);
  if (!key_fits || !content) return does_not_decrypt();
  return content;
}

}  // namespace

Result<OpenedEnvelope> open_envelope(ByteView der, const Certificate& recipient,
                                     const PrivateKey& key) {
  SCEPTER_TRY(auto info, parse_envelope(der));
  const CmsEnvelopedDataFields& envelope = *info->enveloped_data;
  const CmsEncryptedContent& encrypted = *envelope.encrypted_content_info;
  if (encrypted.encrypted_content == nullptr) {
    return fail(ErrorCategory::bad_request, "message envelope has no encrypted content");
  }
  OpenedEnvelope opened;
  SCEPTER_TRY(auto encryption, read_content_encryption(*encrypted.content_encryption_algorithm));
  opened.algorithms.cipher = encryption.cipher;
  SCEPTER_TRY(auto ours, find_recipient(envelope, recipient));
  SCEPTER_CHECK(read_key_transport(*ours->key_encryption_algorithm, opened.algorithms));
  SCEPTER_TRY(opened.content, decrypt_content(*ours, opened.algorithms, encryption,
                                              string_bytes(encrypted.encrypted_content), key));
  return opened;
}

}  // namespace scepter::crypto
