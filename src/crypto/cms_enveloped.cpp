#include "crypto/cms_enveloped.hpp"

#include <string>

#include "crypto/cms_support.hpp"
#include "crypto/der.hpp"
#include "crypto/digest.hpp"
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

// OpenSSL's CMS API has no accessor for the content encryption algorithm, its PKCS#7 API has.
Result<ContentCipher> content_cipher_of(ByteView der) {
  ErrorQueueMark mark;
  auto envelope = decode_der<PKCS7, PKCS7_free>(d2i_PKCS7, der);
  if (!envelope || PKCS7_type_is_enveloped(envelope.get()) == 0 ||
      envelope->d.enveloped == nullptr || envelope->d.enveloped->enc_data == nullptr ||
      envelope->d.enveloped->enc_data->algorithm == nullptr) {
    return fail(ErrorCategory::bad_request, "message is not a DER EnvelopedData");
  }
  auto cipher = cipher_of(OBJ_obj2nid(envelope->d.enveloped->enc_data->algorithm->algorithm));
  if (!cipher) return fail(ErrorCategory::bad_alg, "unsupported content encryption algorithm");
  return *cipher;
}

Status read_key_transport(CMS_RecipientInfo* recipient, EnvelopeAlgorithms& algorithms) {
  X509_ALGOR* algorithm = nullptr;
  CMS_RecipientInfo_ktri_get0_algs(recipient, nullptr, nullptr, &algorithm);
  switch (OBJ_obj2nid(algorithm->algorithm)) {
    case NID_rsaEncryption:
      algorithms.key_transport = KeyTransport::rsa_pkcs1_v15;
      return {};
    case NID_rsaesOaep:
      break;
    default:
      return fail(ErrorCategory::bad_alg, "unsupported key transport algorithm");
  }
  algorithms.key_transport = KeyTransport::rsa_oaep;
  algorithms.oaep_digest = DigestAlg::sha1;
  if (algorithm->parameter == nullptr || ASN1_TYPE_get(algorithm->parameter) != V_ASN1_SEQUENCE) {
    return {};
  }
  ErrorQueueMark mark;
  RsaOaepParamsHandle params(static_cast<RSA_OAEP_PARAMS*>(
      ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(RSA_OAEP_PARAMS), algorithm->parameter)));
  if (!params) return fail(ErrorCategory::bad_request, "malformed RSAES-OAEP parameters");
  if (params->hashFunc != nullptr) {
    auto digest = digest_alg_of(params->hashFunc->algorithm);
    if (!digest) return fail(ErrorCategory::bad_alg, "unsupported RSAES-OAEP hash");
    algorithms.oaep_digest = *digest;
  }
  return {};
}

CMS_RecipientInfo* recipient_info_for(CMS_ContentInfo* cms, const Certificate& recipient) {
  STACK_OF(CMS_RecipientInfo)* recipients = CMS_get0_RecipientInfos(cms);
  for (int i = 0; i < sk_CMS_RecipientInfo_num(recipients); ++i) {
    CMS_RecipientInfo* info = sk_CMS_RecipientInfo_value(recipients, i);
    if (CMS_RecipientInfo_type(info) == CMS_RECIPINFO_TRANS &&
        CMS_RecipientInfo_ktri_cert_cmp(info, recipient.native()) == 0) {
      return info;
    }
  }
  return nullptr;
}

Status use_oaep(CMS_RecipientInfo* recipient, DigestAlg digest) {
  EVP_PKEY_CTX* context = CMS_RecipientInfo_get0_pkey_ctx(recipient);
  const EVP_MD* md = message_digest(digest);
  if (context == nullptr || md == nullptr ||
      EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) <= 0 ||
      EVP_PKEY_CTX_set_rsa_oaep_md(context, md) <= 0 ||
      EVP_PKEY_CTX_set_rsa_mgf1_md(context, md) <= 0) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot set up RSAES-OAEP"));
  }
  return {};
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
  SCEPTER_TRY(auto cms, parse_content_info(der, NID_pkcs7_enveloped, "EnvelopedData"));
  OpenedEnvelope opened;
  SCEPTER_TRY(opened.algorithms.cipher, content_cipher_of(der));
  SCEPTER_CHECK(load_provider_for(opened.algorithms.cipher));
  CMS_RecipientInfo* ours = recipient_info_for(cms.get(), recipient);
  if (ours == nullptr) {
    return fail(ErrorCategory::bad_cert_id, std::string(not_our_recipient_text));
  }
  SCEPTER_CHECK(read_key_transport(ours, opened.algorithms));

  BioHandle plain(BIO_new(BIO_s_mem()));
  if (!plain) return fail(openssl_error(ErrorCategory::crypto, "cannot allocate"));
  if (CMS_decrypt(cms.get(), key.native(), recipient.native(), nullptr, plain.get(), CMS_BINARY) !=
      1) {
    return fail(
        openssl_error(ErrorCategory::bad_message_check, "message envelope does not decrypt"));
  }
  opened.content = bio_contents(plain.get());
  return opened;
}

Result<Bytes> seal_envelope(ByteView content, const Certificate& recipient,
                            const EnvelopeAlgorithms& algorithms) {
  SCEPTER_CHECK(load_provider_for(algorithms.cipher));
  const EVP_CIPHER* cipher = content_cipher(algorithms.cipher);
  if (cipher == nullptr) {
    return fail(openssl_error(ErrorCategory::bad_alg, "content cipher is not available"));
  }
  BioHandle data = read_bio(content);
  unsigned flags = CMS_BINARY | CMS_PARTIAL;
  CmsHandle cms(data ? CMS_encrypt(nullptr, data.get(), cipher, flags) : nullptr);
  if (!cms) return fail(openssl_error(ErrorCategory::crypto, "cannot create EnvelopedData"));
  CMS_RecipientInfo* info = CMS_add1_recipient_cert(cms.get(), recipient.native(), CMS_KEY_PARAM);
  if (info == nullptr) {
    return fail(openssl_error(ErrorCategory::bad_request, "cannot encrypt to this certificate"));
  }
  if (algorithms.key_transport == KeyTransport::rsa_oaep) {
    SCEPTER_CHECK(use_oaep(info, algorithms.oaep_digest));
  }
  if (CMS_final(cms.get(), data.get(), nullptr, CMS_BINARY) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot encrypt message"));
  }
  return content_info_der(cms.get());
}

}  // namespace scepter::crypto
