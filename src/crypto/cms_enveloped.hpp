#pragma once
// CMS EnvelopedData the way SCEP uses it (RFC 8894 section 3.2.2): content encrypted for one
// recipient certificate with key transport, recipient named by issuer and serial number.

#include <optional>
#include <string_view>

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/issue.hpp"
#include "crypto/key.hpp"
#include "crypto/public_key_operations.hpp"

namespace scepter::crypto {

enum class ContentCipher { aes128_cbc, aes192_cbc, aes256_cbc, des_ede3_cbc, des_cbc };
enum class KeyTransport { rsa_pkcs1_v15, rsa_oaep };

struct EnvelopeAlgorithms {
  ContentCipher cipher = ContentCipher::aes256_cbc;
  KeyTransport key_transport = KeyTransport::rsa_pkcs1_v15;
  // RSAES-OAEP's hash; SHA-1 is OAEP's default parameter.
  DigestAlg oaep_digest = DigestAlg::sha1;
  // MGF1's hash, when it is not oaep_digest.
  std::optional<DigestAlg> oaep_mask_digest;
  bool operator==(const EnvelopeAlgorithms&) const = default;

  // The RSAES-OAEP parameters; nullopt for PKCS#1 v1.5.
  std::optional<RsaOaep> oaep() const;
};

std::string_view to_string(ContentCipher cipher);    // "aes-128-cbc", ..., "des-cbc"
std::string_view to_string(KeyTransport transport);  // "rsa-pkcs1-v1_5", "rsa-oaep"

struct OpenedEnvelope {
  Bytes content;
  EnvelopeAlgorithms algorithms;
};

// The client text of open_envelope's error when no recipient matches.
inline constexpr std::string_view not_our_recipient_text =
    "message is not encrypted to this endpoint's RA certificate";

// Decrypts an EnvelopedData addressed to `recipient`, whose private key is `key`.
// Errors: bad_request when the bytes are not an EnvelopedData; bad_alg for a content cipher or
// key transport outside EnvelopeAlgorithms;
// bad_cert_id with not_our_recipient_text when no KeyTransRecipientInfo names `recipient`;
// bad_message_check when the key or the content does not decrypt, with one text for both so
// that answers are no padding oracle.
Result<OpenedEnvelope> open_envelope(ByteView der, const Certificate& recipient,
                                     const PrivateKey& key);

// Encrypts `content` for `recipient`: with key transport as `algorithms` say for an RSA
// certificate, with key agreement (algorithms' key transport does not apply) for an EC one.
Result<Bytes> seal_envelope(ByteView content, const Certificate& recipient,
                            const EnvelopeAlgorithms& algorithms);

}  // namespace scepter::crypto
