#include <openssl/provider.h>

#include <mutex>

#include "crypto/handles.hpp"
#include "crypto/random.hpp"

namespace scepter::crypto {

// The providers stay loaded for the life of the process: unloading them would invalidate every
// algorithm fetched since.
Status initialize() {
  static std::once_flag once;
  static Status outcome;
  std::call_once(once, [] {
    // Loading any provider explicitly turns off OpenSSL's implicit default, so load both.
    if (OSSL_PROVIDER_load(nullptr, "default") == nullptr) {
      outcome =
          fail(openssl_error(ErrorCategory::crypto, "cannot load the OpenSSL default provider"));
    } else if (OSSL_PROVIDER_load(nullptr, "legacy") == nullptr) {
      outcome = fail(openssl_error(ErrorCategory::crypto,
                                   "cannot load the OpenSSL legacy provider (needed for DES)"));
    }
  });
  return outcome;
}

}  // namespace scepter::crypto
