#include "crypto/random.hpp"

#include <openssl/rand.h>

#include <climits>
#include <cstdio>
#include <cstdlib>

namespace scepter::crypto {
namespace {

// Callers use these bytes for serial numbers, nonces, transaction secrets and access codes,
// and the signature returns no error on purpose: a server whose CSPRNG has failed must not go on
// issuing predictable values, and no caller could do anything sensible with such an error.
// So a failure ends the process instead of being returned.
[[noreturn]] void fatal_crypto_failure(const char* what) {
  std::fprintf(stderr, "scepter: fatal: %s\n", what);
  std::abort();
}

void fill_random(unsigned char* out, std::size_t count) {
  while (count > 0) {
    int chunk = count > INT_MAX ? INT_MAX : static_cast<int>(count);
    if (RAND_bytes(out, chunk) != 1) fatal_crypto_failure("the OpenSSL random generator failed");
    out += chunk;
    count -= static_cast<std::size_t>(chunk);
  }
}

}  // namespace

Bytes random_bytes(std::size_t count) {
  Bytes out(count);
  fill_random(out.data(), count);
  return out;
}

std::string random_string(std::size_t length, std::string_view alphabet) {
  // A wrong alphabet is a programming error; returning a short or empty secret would be worse.
  if (alphabet.empty() || alphabet.size() > 256)
    fatal_crypto_failure("random_string: bad alphabet");
  // Bytes at or above the largest multiple of the alphabet size are rejected, so that every
  // character is equally likely.
  const std::size_t accepted_below = 256 - 256 % alphabet.size();
  std::string out;
  out.reserve(length);
  unsigned char pool[64];
  while (out.size() < length) {
    fill_random(pool, sizeof pool);
    for (unsigned char byte : pool) {
      if (byte >= accepted_below) continue;
      out.push_back(alphabet[byte % alphabet.size()]);
      if (out.size() == length) break;
    }
  }
  return out;
}

}  // namespace scepter::crypto
