// The ENGINE API is deprecated in OpenSSL 3, but it is how Debian 12 reaches PKCS#11 tokens
// (pkcs11-provider is not packaged there; DESIGN.md). Silenced for this file only, before any
// OpenSSL header: a pragma cannot help, GCC warns at each call site.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "crypto/pkcs11_engine.hpp"

#include <openssl/engine.h>
#include <openssl/ui.h>

#include <filesystem>
#include <optional>

#include "crypto/handles.hpp"
#include "crypto/key_type.hpp"

namespace scepter::crypto {
namespace {

struct EngineFinish {
  void operator()(ENGINE* engine) const noexcept { ENGINE_finish(engine); }
};
using EngineHandle = Handle<ENGINE, ENGINE_free>;                // structural reference
using EngineInitHandle = std::unique_ptr<ENGINE, EngineFinish>;  // functional reference
using UiMethodHandle = Handle<UI_METHOD, UI_destroy_method>;

struct Engine {
  EngineHandle reference;
  EngineInitHandle initialized;  // declared after `reference`: finished before it is freed
  // Answers every PIN prompt with a failure: a server must never wait on a terminal.
  UiMethodHandle no_prompt;
  std::string module_path;
};

struct Pkcs11State {
  std::mutex mutex;
  Pkcs11Settings settings;
  std::optional<Engine> engine;
};

// Lives until the process ends, never destroyed: modules such as SoftHSM2 tear their state down
// in their own static destructors, which run before ours, and finishing the engine after that
// would call into a destroyed module.
Pkcs11State& state() {
  static auto* instance = new Pkcs11State();
  return *instance;
}

int token_key_index() {
  static const int index = EVP_PKEY_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}
char token_key_marker;

int refuse_prompt(UI*, UI_STRING*) {
  return 0;
}

Result<Engine> start_engine(const std::string& module) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(module, ec)) {
    return fail(ErrorCategory::crypto, "PKCS#11 module not found: " + module);
  }
  OPENSSL_init_crypto(OPENSSL_INIT_ENGINE_DYNAMIC, nullptr);
  EngineHandle reference(ENGINE_by_id("pkcs11"));
  if (!reference) {
    return fail(openssl_error(ErrorCategory::crypto,
                              "the OpenSSL PKCS#11 engine is not installed "
                              "(Debian package libengine-pkcs11-openssl)"));
  }
  if (ENGINE_ctrl_cmd_string(reference.get(), "MODULE_PATH", module.c_str(), 0) != 1 ||
      ENGINE_init(reference.get()) != 1) {
    return fail(openssl_error(ErrorCategory::crypto,
                              "cannot start the PKCS#11 engine with module " + module));
  }
  EngineInitHandle initialized(reference.get());
  UiMethodHandle no_prompt(UI_create_method("scepter: no PIN prompt"));
  if (!no_prompt || UI_method_set_reader(no_prompt.get(), refuse_prompt) != 0) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot set up the PKCS#11 engine"));
  }
  return Engine{std::move(reference), std::move(initialized), std::move(no_prompt), module};
}

Result<Engine*> engine_for(const std::string& module) {
  auto& engine = state().engine;
  if (!engine) {
    SCEPTER_TRY(auto started, start_engine(module));
    engine.emplace(std::move(started));
  }
  return &*engine;
}

}  // namespace

void configure_pkcs11(Pkcs11Settings settings) {
  std::lock_guard lock(state().mutex);
  state().settings = std::move(settings);
}

Pkcs11Settings pkcs11_settings() {
  std::lock_guard lock(state().mutex);
  return state().settings;
}

const Pkcs11Settings& pkcs11_settings_locked() {
  return state().settings;
}

std::unique_lock<std::mutex> lock_pkcs11() {
  return std::unique_lock(state().mutex);
}

Result<std::string> pkcs11_module_for(const Pkcs11Uri& uri) {
  const auto& module = uri.module_path.empty() ? state().settings.module_path : uri.module_path;
  if (module.empty()) {
    return fail(
        invalid_field("pkcs11.module", "no PKCS#11 module for " + uri.object_uri() +
                                           ": set [pkcs11] module or module-path in the URI"));
  }
  const auto& engine = state().engine;
  if (engine && engine->module_path != module) {
    return fail(ErrorCategory::conflict, "PKCS#11 module " + module +
                                             " cannot be used: this process already uses " +
                                             engine->module_path);
  }
  return module;
}

bool held_by_token(const EVP_PKEY* key) {
  return EVP_PKEY_get_ex_data(key, token_key_index()) == &token_key_marker;
}

Result<PrivateKey> load_pkcs11_key_locked(const Pkcs11Uri& uri, const std::string& module,
                                          const std::string& pin) {
  SCEPTER_TRY(auto* engine, engine_for(module));
  ENGINE* handle = engine->initialized.get();
  // The engine keeps the PIN to log in again should the token drop the session.
  if (!pin.empty() && ENGINE_ctrl_cmd_string(handle, "PIN", pin.c_str(), 0) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot pass the PIN to the PKCS#11 engine"));
  }
  PkeyHandle key(
      ENGINE_load_private_key(handle, uri.object_uri().c_str(), engine->no_prompt.get(), nullptr));
  if (!key) {
    return fail(openssl_error(ErrorCategory::crypto,
                              "cannot load private key " + uri.object_uri() +
                                  " from the PKCS#11 token (no such token or key, or wrong PIN)"));
  }
  SCEPTER_CHECK(supported_key_type(key.get()));
  if (EVP_PKEY_set_ex_data(key.get(), token_key_index(), &token_key_marker) != 1) {
    return fail(openssl_error(ErrorCategory::crypto, "cannot mark a PKCS#11 key"));
  }
  return PrivateKey(share(std::move(key)));
}

Result<PrivateKey> load_pkcs11_key(std::string_view text) {
  SCEPTER_TRY(auto uri, Pkcs11Uri::parse(text));
  auto lock = lock_pkcs11();
  SCEPTER_TRY(auto pin, resolve_pkcs11_pin(uri, pkcs11_settings_locked().pin_env));
  SCEPTER_TRY(auto module, pkcs11_module_for(uri));
  return load_pkcs11_key_locked(uri, module, pin);
}

}  // namespace scepter::crypto
