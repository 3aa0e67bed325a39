#pragma once
// The bare public-key operations that an enrollment is made of, without the ASN.1 around them.
// The load generator (bench/) times them to measure the cryptographic floor of an enrollment.

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

// RSA PKCS#1 v1.5 key transport, as a CMS KeyTransRecipientInfo carries a content key.
// bad_alg for a key that is not RSA; decrypt_key fails with bad_message_check on bad input.
Result<Bytes> encrypt_key(const PublicKey& key, ByteView content_key);
Result<Bytes> decrypt_key(const PrivateKey& key, ByteView encrypted_key);

}  // namespace scepter::crypto
