#pragma once
// The one way crypto/ stops the process. Internal to crypto/.

namespace scepter::crypto {

// For failures of primitives whose callers rely on an answer that cannot be wrong (random bytes,
// keyed digests of secrets): a degraded answer would be a security hole, and such failures only
// happen when the process is already broken (no entropy, no memory).
[[noreturn]] void fatal_crypto_failure(const char* what);

}  // namespace scepter::crypto
