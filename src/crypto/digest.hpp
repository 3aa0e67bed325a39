#pragma once
// Message digests fetched once per process. Internal to crypto/.

#include "crypto/handles.hpp"
#include "crypto/issue.hpp"

namespace scepter::crypto {

// The implementation of `alg`, fetched on first use and shared by all threads afterwards, so
// that signing and hashing skip OpenSSL's per-call implicit fetch. Null only when no provider
// offers it.
const EVP_MD* message_digest(DigestAlg alg);

}  // namespace scepter::crypto
