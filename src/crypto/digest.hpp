#pragma once
// Message digests fetched once per process. Internal to crypto/.

#include "crypto/handles.hpp"
#include "crypto/issue.hpp"

namespace scepter::crypto {

// The implementation of `alg`, fetched on first use and shared by all threads afterwards, so
// that signing and hashing skip OpenSSL's per-call implicit fetch. Null only when no provider
// offers it.
const EVP_MD* message_digest(DigestAlg alg);

// Sets `algorithm` to name `digest` as CMS and RFC 4055 do (SHA-2 without parameters).
Status set_digest_algorithm(X509_ALGOR* algorithm, const EVP_MD* digest);

}  // namespace scepter::crypto
