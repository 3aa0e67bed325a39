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

// RSAES-OAEP's parameters (RFC 8017 appendix A.2.1): its hash and MGF1's, which some clients
// choose apart (Java's "OAEPWithSHA-256AndMGF1Padding" masks with SHA-1). No label.
struct RsaOaep {
  DigestAlg digest = DigestAlg::sha1;
  DigestAlg mask_digest = DigestAlg::sha1;
  bool operator==(const RsaOaep&) const = default;
};

// RSA key transport, as a CMS KeyTransRecipientInfo carries a content key: RSAES-OAEP when
// `oaep` is given, PKCS#1 v1.5 otherwise.
// bad_alg for a key that is not RSA; decrypt_key fails with bad_message_check and one text on
// any input that does not decrypt, so that its answers are no padding oracle.
Result<Bytes> encrypt_key(const PublicKey& key, ByteView content_key,
                          std::optional<RsaOaep> oaep = std::nullopt);
Result<Bytes> decrypt_key(const PrivateKey& key, ByteView encrypted_key,
                          std::optional<RsaOaep> oaep = std::nullopt);

}  // namespace scepter::crypto
