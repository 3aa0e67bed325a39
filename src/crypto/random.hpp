#pragma once

#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/error.hpp"

namespace scepter::crypto {

// These four never return a degraded answer: if OpenSSL fails (no entropy, no memory) the process
// aborts, because callers build serials, nonces and access-code digests from them and an empty
// or predictable value would be a security hole rather than an error anyone could handle.

// Bytes from the OpenSSL CSPRNG.
Bytes random_bytes(std::size_t count);
// A random string of `length` characters drawn uniformly from `alphabet` (rejection sampling).
// `alphabet` must hold 1 to 256 characters; anything else is a programming error and aborts.
std::string random_string(std::size_t length, std::string_view alphabet);

Bytes sha256(ByteView data);
Bytes hmac_sha256(ByteView key, ByteView data);

// Loads OpenSSL's default and legacy providers once (single DES requests need the legacy one,
// see DESIGN.md). Call at start-up before serving; idempotent and thread-safe.
Status initialize();

}  // namespace scepter::crypto
