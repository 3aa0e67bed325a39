#include "crypto/handles.hpp"
#include "crypto/random.hpp"

namespace scepter::crypto {
namespace {

// Loading any provider explicitly turns off OpenSSL's implicit default, so both are loaded. They
// stay loaded for the life of the process, since unloading them would invalidate every algorithm
// fetched since, and are unloaded among the static objects at exit, before OpenSSL's own clean-up:
// left loaded, the legacy provider's child library context outlived that clean-up, and leak
// checkers reported it.
struct LoadedProviders {
  ProviderHandle default_provider{OSSL_PROVIDER_load(nullptr, "default")};
  ProviderHandle legacy_provider{default_provider ? OSSL_PROVIDER_load(nullptr, "legacy")
                                                  : nullptr};
  Status outcome =
      !default_provider
          ? fail(openssl_error(ErrorCategory::crypto, "cannot load the OpenSSL default provider"))
      : !legacy_provider
          ? fail(openssl_error(ErrorCategory::crypto,
                               "cannot load the OpenSSL legacy provider (needed for DES)"))
          : Status{};
};

}  // namespace

Status initialize() {
  static const LoadedProviders providers;
  return providers.outcome;
}

}  // namespace scepter::crypto
