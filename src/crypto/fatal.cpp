#include "crypto/fatal.hpp"

#include <cstdio>
#include <cstdlib>

namespace scepter::crypto {

void fatal_crypto_failure(const char* what) {
  std::fprintf(stderr, "scepter: fatal: %s\n", what);
  std::abort();
}

}  // namespace scepter::crypto
