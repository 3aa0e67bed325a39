#pragma once
// Process-wide PKCS#11 state shared by key loading (OpenSSL's engine) and key generation (the
// PKCS#11 API). Internal to crypto/.

#include <mutex>
#include <string>

#include "crypto/handles.hpp"
#include "crypto/pkcs11_key.hpp"

namespace scepter::crypto {

// Held by every PKCS#11 management step (engine set-up, loading, generating): the engine keeps
// one PIN and one login per token, and a module may be initialized only once at a time.
std::unique_lock<std::mutex> lock_pkcs11();

// The settings of configure_pkcs11(); the caller holds lock_pkcs11().
const Pkcs11Settings& pkcs11_settings_locked();

// The module for uri: its module-path, else the configured one. conflict when another module is
// already in use by this process; invalid when neither names one. The caller holds lock_pkcs11().
Result<std::string> pkcs11_module_for(const Pkcs11Uri& uri);

// True for keys loaded from a token. OpenSSL would "export" them as a PKCS#8 file holding a zero
// private value, so PrivateKey::to_pem() asks this first.
bool held_by_token(const EVP_PKEY* key);

// Loads the private key uri names through the engine; the caller holds lock_pkcs11().
Result<PrivateKey> load_pkcs11_key_locked(const Pkcs11Uri& uri, const std::string& module,
                                          const std::string& pin);

}  // namespace scepter::crypto
