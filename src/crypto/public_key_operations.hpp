#pragma once
// The bare public-key operations that an enrollment is made of, without the ASN.1 around them.
// The load generator (bench/) times them to measure the cryptographic floor of an enrollment.

#include <optional>

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "crypto/issue.hpp"
#include "crypto/key.hpp"

namespace scepter::crypto {

// A signature over `data` (RSA PKCS#1 v1.5 or ECDSA with `digest`), as certificates and CMS
// signers make them.
Result<Bytes> sign_data(const PrivateKey& key, DigestAlg digest, ByteView data);

// Whether `signature` over `data` verifies with `key`; an error only when the check cannot run.
Result<bool> verify_data(const PublicKey& key, DigestAlg digest, ByteView data, ByteView signature);

// RSA key transport, as a CMS KeyTransRecipientInfo carries a content key: RSAES-OAEP with
// `oaep_digest` as its hash and MGF1's when given, PKCS#1 v1.5 otherwise.
// bad_alg for a key that is not RSA; decrypt_key fails with bad_message_check and one text on
// any input that does not decrypt, so that its answers are no padding oracle.
Result<Bytes> encrypt_key(const PublicKey& key, ByteView content_key,
                          std::optional<DigestAlg> oaep_digest = std::nullopt);
Result<Bytes> decrypt_key(const PrivateKey& key, ByteView encrypted_key,
                          std::optional<DigestAlg> oaep_digest = std::nullopt);

}  // namespace scepter::crypto
