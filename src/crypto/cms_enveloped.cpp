#include "crypto/cms_enveloped.hpp"

#include <openssl/rsa.h>

#include <climits>
#include <string>

#include "crypto/asn1.hpp"
#include "crypto/cms_enveloped_data.hpp"
#include "crypto/cms_support.hpp"
#include "crypto/der.hpp"
#include "crypto/digest.hpp"
#include "crypto/public_key_operations.hpp"
#include "crypto/random.hpp"

namespace scepter::crypto {
namespace {

// Fetched once per process and shared by all threads.
const EVP_CIPHER* content_cipher(ContentCipher cipher) {
  auto fetch = [](const char* name) {
    return EvpCipherHandle(EVP_CIPHER_fetch(nullptr, name, nullptr));
  };
  switch (cipher) {
    case ContentCipher::aes128_cbc: {
      static const auto fetched = fetch("AES-128-CBC");
      return fetched.get();
    }
    case ContentCipher::aes192_cbc: {
      static const auto fetched = fetch("AES-192-CBC");
      return fetched.get();
    }
    case ContentCipher::aes256_cbc: {
      static const auto fetched = fetch("AES-256-CBC");
      return fetched.get();
    }
    case ContentCipher::des_ede3_cbc: {
      static const auto fetched = fetch("DES-EDE3-CBC");
      return fetched.get();
    }
    case ContentCipher::des_cbc: {
      static const auto fetched = fetch("DES-CBC");
      return fetched.get();
    }
  }
  return nullptr;
}

// Single DES lives in the legacy provider. Loading is idempotent, so the first DES message loads
// it even when start-up did not call initialize().
Status load_provider_for(ContentCipher cipher) {
  return cipher == ContentCipher::des_cbc ? initialize() : Status{};
}

std::optional<ContentCipher> cipher_of(int nid) {
  switch (nid) {
    case NID_aes_128_cbc:
      return ContentCipher::aes128_cbc;
    case NID_aes_192_cbc:
      return ContentCipher::aes192_cbc;
    case NID_aes_256_cbc:
      return ContentCipher::aes256_cbc;
    case NID_des_ede3_cbc:
      return ContentCipher::des_ede3_cbc;
    case NID_des_cbc:
      return ContentCipher::des_cbc;
    default:
      return std::nullopt;
  }
}

std::unexpected<Error> not_an_envelope() {
  return fail(ErrorCategory::bad_request, "message is not a DER EnvelopedData");
}

// One answer for a content key that does not decrypt and content that does not, so that the
// answers are no padding oracle.
std::unexpected<Error> does_not_decrypt() {
  return fail(ErrorCategory::bad_message_check, "message envelope does not decrypt");
}

// A content key, wiped once out of use as OpenSSL's CMS code wipes its own.
class ContentKey {
 public:
  explicit ContentKey(Bytes bytes) : bytes_(std::move(bytes)) {}
  ~ContentKey() { wipe(); }
  ContentKey(const ContentKey&) = delete;
  ContentKey& operator=(const ContentKey&) = delete;

  void replace(Bytes bytes) {
    wipe();
    bytes_ = std::move(bytes);
  }
  unsigned char* data() { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }

 private:
  void wipe() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }
  Bytes bytes_;
};

std::optional<DigestAlg> oaep_digest_of(const EnvelopeAlgorithms& algorithms) {
  if (algorithms.key_transport == KeyTransport::rsa_pkcs1_v15) return std::nullopt;
  return algorithms.oaep_digest;
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
  SCEPTER_CHECK(load_provider_for(*cipher));
  const EVP_CIPHER* implementation = content_cipher(*cipher);
  if (implementation == nullptr) {
    return fail(openssl_error(ErrorCategory::bad_alg, "content cipher is not available"));
  }
  const ASN1_TYPE* iv = algorithm.parameter;
  if (iv == nullptr || ASN1_TYPE_get(iv) != V_ASN1_OCTET_STRING ||
      ASN1_STRING_length(iv->value.octet_string) != EVP_CIPHER_get_iv_length(implementation)) {
    return fail(ErrorCategory::bad_request, "content encryption IV is missing or malformed");
  }
  return ContentEncryption{*cipher, implementation, string_bytes(iv->value.octet_string)};
}

// MGF1's hash, SHA-1 when the mask generation function is left out; nullopt for another
// function or a hash scepter does not take.
std::optional<DigestAlg> mask_digest_of(const X509_ALGOR* mask) {
  if (mask == nullptr) return DigestAlg::sha1;
  if (OBJ_obj2nid(mask->algorithm) != NID_mgf1) return std::nullopt;
  ErrorQueueMark mark;  // why the hash did not unpack: the answer is bad_alg either way
  X509AlgorHandle hash(static_cast<X509_ALGOR*>(
      ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(X509_ALGOR), mask->parameter)));
  if (!hash) return std::nullopt;
  return digest_alg_of(hash->algorithm);
}

// pSourceFunc left out or given as its default, pSpecified with an empty label: decrypt_key
// uses no label.
bool has_empty_label(const X509_ALGOR* source) {
  if (source == nullptr) return true;
  const ASN1_TYPE* label = source->parameter;
  return OBJ_obj2nid(source->algorithm) == NID_pSpecified && label != nullptr &&
         ASN1_TYPE_get(label) == V_ASN1_OCTET_STRING &&
         ASN1_STRING_length(label->value.octet_string) == 0;
}

// RSAES-OAEP-params (RFC 4055 section 4.1): SHA-1 when the hash is left out. OpenSSL's RSA
// takes any MGF1 hash, but scepter only ever offers OAEP with one hash for both.
Result<DigestAlg> read_oaep_digest(const ASN1_TYPE* parameter) {
  if (parameter == nullptr || ASN1_TYPE_get(parameter) == V_ASN1_NULL) return DigestAlg::sha1;
  RsaOaepParamsHandle params;
  {
    ErrorQueueMark mark;
    params.reset(static_cast<RSA_OAEP_PARAMS*>(
        ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(RSA_OAEP_PARAMS), parameter)));
  }
  if (!params) return fail(ErrorCategory::bad_request, "malformed RSAES-OAEP parameters");
  auto digest =
      params->hashFunc == nullptr ? DigestAlg::sha1 : digest_alg_of(params->hashFunc->algorithm);
  if (!digest || mask_digest_of(params->maskGenFunc) != digest) {
    return fail(ErrorCategory::bad_alg, "unsupported RSAES-OAEP hash");
  }
  if (!has_empty_label(params->pSourceFunc)) {
    return fail(ErrorCategory::bad_alg, "unsupported RSAES-OAEP label");
  }
  return *digest;
}

Status read_key_transport(const X509_ALGOR& algorithm, EnvelopeAlgorithms& algorithms) {
  switch (OBJ_obj2nid(algorithm.algorithm)) {
    case NID_rsaEncryption:
      algorithms.key_transport = KeyTransport::rsa_pkcs1_v15;
      return {};
    case NID_rsaesOaep: {
      algorithms.key_transport = KeyTransport::rsa_oaep;
      SCEPTER_TRY(algorithms.oaep_digest, read_oaep_digest(algorithm.parameter));
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
    if (ASN1_TYPE_get(info) != V_ASN1_SEQUENCE) continue;
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

// Runs `input` through a context set up with key and IV: CBC with the padding of RFC 5652
// section 6.3 either way.
Result<Bytes> run_cipher(EVP_CIPHER_CTX* context, ByteView input) {
  int block = EVP_CIPHER_CTX_get_block_size(context);
  if (input.size() > static_cast<std::size_t>(INT_MAX - block)) {
    return fail(ErrorCategory::bad_request, "message content is too large");
  }
  Bytes output(input.size() + static_cast<std::size_t>(block));
  int written = 0;
  int last = 0;
  if (EVP_CipherUpdate(context, output.data(), &written, input.data(),
                       static_cast<int>(input.size())) != 1 ||
      EVP_CipherFinal_ex(context, output.data() + written, &last) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "content cipher failed"));
  }
  output.resize(static_cast<std::size_t>(written + last));
  return output;
}

// A content key that does not decrypt, or is not the cipher's length, is replaced by a random
// one and the content decrypted all the same, the "random filling" of RFC 3218 that OpenSSL's
// CMS code does too against Bleichenbacher-style attacks: every failure takes one path and gets
// one answer.
Result<Bytes> decrypt_content(const CmsKeyTransRecipient& ours,
                              const EnvelopeAlgorithms& algorithms,
                              const ContentEncryption& encryption, ByteView ciphertext,
                              const PrivateKey& key) {
  auto decrypted = decrypt_key(key, string_bytes(ours.encrypted_key), oaep_digest_of(algorithms));
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

Status set_octet_string(ASN1_OCTET_STRING* string, ByteView bytes) {
  if (bytes.size() > INT_MAX ||
      ASN1_OCTET_STRING_set(string, bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot allocate"));
  }
  return {};
}

// RSAES-OAEP-params as OpenSSL's CMS code writes them: SHA-1, the default, is left out as hash
// and as MGF1's hash, so that SHA-1 OAEP has an empty SEQUENCE.
Result<Asn1StringHandle> oaep_parameters(DigestAlg digest) {
  RsaOaepParamsHandle params(RSA_OAEP_PARAMS_new());
  if (!params) return fail(openssl_error(ErrorCategory::crypto, "cannot allocate"));
  if (digest != DigestAlg::sha1) {
    params->hashFunc = X509_ALGOR_new();
    params->maskGenFunc = X509_ALGOR_new();
    if (params->hashFunc == nullptr || params->maskGenFunc == nullptr) {
      return fail(openssl_error(ErrorCategory::crypto, "cannot allocate"));
    }
    X509_ALGOR_set_md(params->hashFunc, message_digest(digest));
    Asn1StringHandle mask_hash(
        ASN1_item_pack(params->hashFunc, ASN1_ITEM_rptr(X509_ALGOR), nullptr));
    if (!mask_hash || X509_ALGOR_set0(params->maskGenFunc, OBJ_nid2obj(NID_mgf1), V_ASN1_SEQUENCE,
                                      mask_hash.get()) != 1) {
      return fail(openssl_error(ErrorCategory::crypto, "cannot encode RSAES-OAEP parameters"));
    }
    mask_hash.release();
  }
  Asn1StringHandle packed(ASN1_item_pack(params.get(), ASN1_ITEM_rptr(RSA_OAEP_PARAMS), nullptr));
  if (!packed) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot encode RSAES-OAEP parameters"));
  }
  return packed;
}

// As OpenSSL's CMS code writes it: rsaEncryption with NULL parameters, or rsaesOaep.
Status set_key_encryption_algorithm(X509_ALGOR* algorithm, const EnvelopeAlgorithms& algorithms) {
  if (algorithms.key_transport == KeyTransport::rsa_pkcs1_v15) {
    if (X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_rsaEncryption), V_ASN1_NULL, nullptr) != 1) {
      return fail(openssl_error(ErrorCategory::crypto, "cannot allocate"));
    }
    return {};
  }
  SCEPTER_TRY(auto parameters, oaep_parameters(algorithms.oaep_digest));
  if (X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_rsaesOaep), V_ASN1_SEQUENCE, parameters.get()) !=
      1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot allocate"));
  }
  parameters.release();
  return {};
}

// Named by issuer and serial number as cms_enveloped.hpp promises, hence version 0 (RFC 5652
// section 6.2.1).
Result<Asn1TypeHandle> recipient_info(const Certificate& recipient, ByteView encrypted_key,
                                      const EnvelopeAlgorithms& algorithms) {
  CmsKeyTransRecipientHandle info(CmsKeyTransRecipient_new());
  if (!info || ASN1_INTEGER_set(info->version, 0) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot allocate"));
  }
  SCEPTER_CHECK(name_by_issuer_and_serial(*info->recipient_id, recipient));
  SCEPTER_CHECK(set_key_encryption_algorithm(info->key_encryption_algorithm, algorithms));
  SCEPTER_CHECK(set_octet_string(info->encrypted_key, encrypted_key));
  auto der = encode_der(i2d_CmsKeyTransRecipient, info.get());
  Asn1TypeHandle any = der.empty() ? nullptr : sequence_any(der);
  if (!any) return fail(openssl_error(ErrorCategory::crypto, "cannot encode a RecipientInfo"));
  return any;
}

Status set_content_encryption(X509_ALGOR* algorithm, const EVP_CIPHER* cipher, ByteView iv) {
  Asn1OctetStringHandle parameter(ASN1_OCTET_STRING_new());
  if (!parameter) return fail(openssl_error(ErrorCategory::crypto, "cannot allocate"));
  SCEPTER_CHECK(set_octet_string(parameter.get(), iv));
  if (X509_ALGOR_set0(algorithm, OBJ_nid2obj(EVP_CIPHER_get_type(cipher)), V_ASN1_OCTET_STRING,
                      parameter.get()) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot allocate"));
  }
  parameter.release();
  return {};
}

// Version 0, as RFC 5652 section 6.1 has it for a version 0 KeyTransRecipientInfo alone, without
// originatorInfo or unprotectedAttrs.
Result<Bytes> envelope_der(Asn1TypeHandle recipient, const EVP_CIPHER* cipher, ByteView iv,
                           ByteView ciphertext) {
  CmsEnvelopedContentInfoHandle info(CmsEnvelopedContentInfo_new());
  if (!info) return fail(openssl_error(ErrorCategory::crypto, "cannot allocate"));
  info->type = OBJ_nid2obj(NID_pkcs7_enveloped);
  CmsEnvelopedDataFields& envelope = *info->enveloped_data;
  CmsEncryptedContent& encrypted = *envelope.encrypted_content_info;
  encrypted.type = OBJ_nid2obj(NID_pkcs7_data);
  encrypted.encrypted_content = ASN1_OCTET_STRING_new();
  if (encrypted.encrypted_content == nullptr || ASN1_INTEGER_set(envelope.version, 0) != 1 ||
      sk_ASN1_TYPE_push(envelope.recipient_infos, recipient.get()) <= 0) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot allocate"));
  }
  recipient.release();
  SCEPTER_CHECK(set_octet_string(encrypted.encrypted_content, ciphertext));
  SCEPTER_CHECK(set_content_encryption(encrypted.content_encryption_algorithm, cipher, iv));
  auto der = encode_der(i2d_CmsEnvelopedContentInfo, info.get());
  if (der.empty()) return fail(openssl_error(ErrorCategory::crypto, "cannot encode EnvelopedData"));
  return der;
}

}  // namespace

std::string_view to_string(ContentCipher cipher) {
  switch (cipher) {
    case ContentCipher::aes128_cbc:
      return "aes-128-cbc";
    case ContentCipher::aes192_cbc:
      return "aes-192-cbc";
    case ContentCipher::aes256_cbc:
      return "aes-256-cbc";
    case ContentCipher::des_ede3_cbc:
      return "des-ede3-cbc";
    case ContentCipher::des_cbc:
      return "des-cbc";
  }
  return "unknown";
}

std::string_view to_string(KeyTransport transport) {
  switch (transport) {
    case KeyTransport::rsa_pkcs1_v15:
      return "rsa-pkcs1-v1_5";
    case KeyTransport::rsa_oaep:
      return "rsa-oaep";
  }
  return "unknown";
}

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

Result<Bytes> seal_envelope(ByteView content, const Certificate& recipient,
                            const EnvelopeAlgorithms& algorithms) {
  SCEPTER_CHECK(load_provider_for(algorithms.cipher));
  const EVP_CIPHER* cipher = content_cipher(algorithms.cipher);
  if (cipher == nullptr) {
    return fail(openssl_error(ErrorCategory::bad_alg, "content cipher is not available"));
  }
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
                          oaep_digest_of(algorithms)));
  SCEPTER_TRY(auto ours, recipient_info(recipient, encrypted_key, algorithms));
  return envelope_der(std::move(ours), cipher, iv, ciphertext);
}

}  // namespace scepter::crypto
