// Key generation inside a token through the PKCS#11 API itself: OpenSSL's engine cannot
// generate keys, and libp11's helper makes RSA keys only.

#include <dlfcn.h>
#include <p11-kit/pkcs11.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "crypto/pkcs11_engine.hpp"
#include "crypto/random.hpp"

namespace scepter::crypto {
namespace {

constexpr std::size_t kIdBytes = 8;

Status check(CK_RV rv, std::string_view call) {
  if (rv == CKR_OK) return {};
  if (rv == CKR_PIN_INCORRECT) return fail(ErrorCategory::crypto, "wrong PKCS#11 PIN");
  char code[32];
  std::snprintf(code, sizeof code, "CKR 0x%lx", static_cast<unsigned long>(rv));
  return fail(ErrorCategory::crypto, "PKCS#11 " + std::string(call) + " failed", code);
}

struct LibraryClose {
  void operator()(void* library) const noexcept { dlclose(library); }
};

// The module, initialized while this lives, unless the engine had initialized it already: then
// the engine owns it, and finalizing it here would close the engine's sessions.
class Module {
 public:
  Module() = default;
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;
  ~Module() {
    if (finalize_) functions_->C_Finalize(nullptr);
  }

  Status open(const std::string& path) {
    library_.reset(dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL));
    if (!library_) {
      const char* why = dlerror();
      return fail(ErrorCategory::crypto, "cannot load PKCS#11 module " + path, why ? why : "");
    }
    auto get_functions =
        reinterpret_cast<CK_C_GetFunctionList>(dlsym(library_.get(), "C_GetFunctionList"));
    if (get_functions == nullptr) {
      return fail(ErrorCategory::crypto, path + " is not a PKCS#11 module");
    }
    SCEPTER_CHECK(check(get_functions(&functions_), "C_GetFunctionList"));
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    CK_RV rv = functions_->C_Initialize(&args);
    if (rv == CKR_CRYPTOKI_ALREADY_INITIALIZED) return {};
    SCEPTER_CHECK(check(rv, "C_Initialize"));
    finalize_ = true;
    return {};
  }

  CK_FUNCTION_LIST* operator->() const { return functions_; }

 private:
  std::unique_ptr<void, LibraryClose> library_;  // declared first: closed after C_Finalize
  CK_FUNCTION_LIST* functions_ = nullptr;
  bool finalize_ = false;
};

class Session {
 public:
  Session(const Module& module, CK_SESSION_HANDLE handle) : module_(module), handle_(handle) {}
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  // No C_Logout: login state belongs to the whole process, and the engine may be using it.
  ~Session() { module_->C_CloseSession(handle_); }
  CK_SESSION_HANDLE handle() const { return handle_; }

 private:
  const Module& module_;
  CK_SESSION_HANDLE handle_;
};

// Token info fields are fixed-size and padded with spaces.
bool padded_field_is(const CK_UTF8CHAR* field, std::size_t size, std::string_view wanted) {
  std::string_view value(reinterpret_cast<const char*>(field), size);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return wanted.empty() || value == wanted;
}

struct FoundToken {
  CK_SLOT_ID slot;
  bool login_required;
};

Result<FoundToken> find_token(const Module& module, const Pkcs11Uri& uri) {
  CK_ULONG count = 0;
  SCEPTER_CHECK(check(module->C_GetSlotList(CK_TRUE, nullptr, &count), "C_GetSlotList"));
  std::vector<CK_SLOT_ID> slots(count);
  SCEPTER_CHECK(check(module->C_GetSlotList(CK_TRUE, slots.data(), &count), "C_GetSlotList"));
  slots.resize(count);
  for (auto slot : slots) {
    CK_TOKEN_INFO info;
    SCEPTER_CHECK(check(module->C_GetTokenInfo(slot, &info), "C_GetTokenInfo"));
    if (padded_field_is(info.label, sizeof info.label, uri.token) &&
        padded_field_is(info.serialNumber, sizeof info.serialNumber, uri.serial)) {
      return FoundToken{slot, (info.flags & CKF_LOGIN_REQUIRED) != 0};
    }
  }
  return fail(ErrorCategory::crypto, "no PKCS#11 token matches " + uri.object_uri());
}

Result<Bytes> named_curve(int bits) {
  // DER OBJECT IDENTIFIERs of prime256v1 and secp384r1 (RFC 5480 section 2.1.1.1).
  if (bits == 256) return Bytes{0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
  if (bits == 384) return Bytes{0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22};
  return fail(invalid_field("key_type", "unsupported EC curve size " + std::to_string(bits)));
}

template <class T>
CK_ATTRIBUTE attribute(CK_ATTRIBUTE_TYPE type, T& value) {
  return {type, &value, sizeof value};
}
CK_ATTRIBUTE attribute(CK_ATTRIBUTE_TYPE type, Bytes& value) {
  return {type, value.data(), value.size()};
}

Status generate_key_pair(const Module& module, const Session& session, const KeySpec& spec,
                         std::string label, Bytes id) {
  const bool rsa = spec.type == KeyType::rsa;
  if (rsa && spec.bits != 2048 && spec.bits != 3072 && spec.bits != 4096) {
    return fail(invalid_field("key_type", "unsupported RSA key size " + std::to_string(spec.bits)));
  }
  Bytes label_bytes = to_bytes(label);
  CK_BBOOL yes = CK_TRUE;
  CK_BBOOL no = CK_FALSE;
  CK_ULONG modulus_bits = static_cast<CK_ULONG>(spec.bits);
  Bytes public_exponent{0x01, 0x00, 0x01};
  Bytes curve;
  std::vector<CK_ATTRIBUTE> public_template = {
      attribute(CKA_TOKEN, yes),         attribute(CKA_PRIVATE, no), attribute(CKA_VERIFY, yes),
      attribute(CKA_LABEL, label_bytes), attribute(CKA_ID, id),
  };
  std::vector<CK_ATTRIBUTE> private_template = {
      attribute(CKA_TOKEN, yes),     attribute(CKA_PRIVATE, yes),
      attribute(CKA_SENSITIVE, yes), attribute(CKA_EXTRACTABLE, no),
      attribute(CKA_SIGN, yes),      attribute(CKA_LABEL, label_bytes),
      attribute(CKA_ID, id),
  };
  if (rsa) {
    public_template.push_back(attribute(CKA_MODULUS_BITS, modulus_bits));
    public_template.push_back(attribute(CKA_PUBLIC_EXPONENT, public_exponent));
    public_template.push_back(attribute(CKA_ENCRYPT, yes));
    // RA keys open the envelopes clients encrypt to them.
    private_template.push_back(attribute(CKA_DECRYPT, yes));
  } else {
    SCEPTER_TRY(curve, named_curve(spec.bits));
    public_template.push_back(attribute(CKA_EC_PARAMS, curve));
  }
  CK_MECHANISM mechanism{rsa ? CKM_RSA_PKCS_KEY_PAIR_GEN : CKM_EC_KEY_PAIR_GEN, nullptr, 0};
  CK_OBJECT_HANDLE public_key = 0;
  CK_OBJECT_HANDLE private_key = 0;
  return check(module->C_GenerateKeyPair(session.handle(), &mechanism, public_template.data(),
                                         public_template.size(), private_template.data(),
                                         private_template.size(), &public_key, &private_key),
               "C_GenerateKeyPair");
}

// Everything that needs the module opened here; it is finalized again before the engine loads
// the new key.
Status generate_in_token(const std::string& module_path, const Pkcs11Uri& token,
                         const std::string& pin, const KeySpec& spec, const std::string& label,
                         const Bytes& id) {
  Module module;
  SCEPTER_CHECK(module.open(module_path));
  SCEPTER_TRY(auto found, find_token(module, token));
  CK_SESSION_HANDLE handle = 0;
  SCEPTER_CHECK(check(module->C_OpenSession(found.slot, CKF_SERIAL_SESSION | CKF_RW_SESSION,
                                            nullptr, nullptr, &handle),
                      "C_OpenSession"));
  Session session(module, handle);
  if (found.login_required) {
    if (pin.empty()) {
      return fail(ErrorCategory::crypto,
                  "no PIN for PKCS#11 token " + token.object_uri() +
                      " (set it in the PIN environment variable, SCEPTER_PKCS11_PIN by default)");
    }
    Bytes pin_bytes = to_bytes(pin);
    CK_RV rv = module->C_Login(handle, CKU_USER, pin_bytes.data(), pin_bytes.size());
    if (rv != CKR_USER_ALREADY_LOGGED_IN) SCEPTER_CHECK(check(rv, "C_Login"));
  }
  return generate_key_pair(module, session, spec, label, id);
}

}  // namespace

Result<TokenKey> generate_pkcs11_key(std::string_view token_uri, const KeySpec& spec,
                                     std::string_view label) {
  SCEPTER_TRY(auto token, Pkcs11Uri::parse(token_uri));
  if (token.token.empty() && token.serial.empty()) {
    return fail(invalid_field("pkcs11_token_uri", "the token URI needs token= or serial="));
  }
  if (!token.object.empty() || !token.id.empty() || !token.type.empty()) {
    return fail(invalid_field("pkcs11_token_uri",
                              "name the token only: no object=, id= or type= in the token URI"));
  }
  auto lock = lock_pkcs11();
  SCEPTER_TRY(const auto pin, resolve_pkcs11_pin(token, pkcs11_settings_locked().pin_env));
  SCEPTER_TRY(const auto module, pkcs11_module_for(token));
  const auto id = random_bytes(kIdBytes);
  const std::string object_label(label);
  SCEPTER_CHECK(generate_in_token(module, token, pin, spec, object_label, id));

  // Every byte of the id escaped, as p11tool and pkcs11-tool print ids.
  std::string id_text;
  for (auto byte : id) id_text += "%" + hex_encode(ByteView(&byte, 1));
  std::string path = token.path;
  if (!path.empty() && !path.ends_with(';')) path += ';';
  path += "id=" + id_text + ";object=" + pkcs11_escape(as_bytes(object_label)) + ";type=private";
  SCEPTER_TRY(auto key_uri, Pkcs11Uri::parse(std::string(kPkcs11Scheme) + path));
  key_uri.module_path = module;
  key_uri.pin_source = token.pin_source;
  SCEPTER_TRY(auto key, load_pkcs11_key_locked(key_uri, module, pin));
  return TokenKey{std::move(key), key_uri.reference()};
}

}  // namespace scepter::crypto
