#pragma once
// A throw-away SoftHSM2 for tests: a token directory in a temporary folder, SOFTHSM2_CONF pointing
// at it, and two freshly initialized tokens. SoftHSM2 is a hard requirement of the test suite
// (scripts/install-deps.sh installs it): when it is missing the tests fail, they never skip.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace scepter::crypto::testing {

inline constexpr const char* kSoftHsmModule = "/usr/lib/softhsm/libsofthsm2.so";
inline constexpr const char* kUserPin = "2468-user";
// A token used with the right PIN.
inline constexpr const char* kTokenLabel = "scepter-test";
// A token nobody logs in to with the right PIN, so that a wrong PIN is still refused there even
// after the process logged in to the other one.
inline constexpr const char* kLockedTokenLabel = "scepter-locked";
inline constexpr const char* kLockedTokenPin = "1357-locked";

class SoftHsm {
 public:
  // Process-wide: SoftHSM2 reads SOFTHSM2_CONF once, when the module is first initialized.
  static const SoftHsm& instance() {
    static SoftHsm hsm;
    return hsm;
  }

  bool ready() const { return ready_; }
  std::string token_uri(const char* label = kTokenLabel) const {
    return std::string("pkcs11:token=") + label;
  }
  // The token URI carrying module-path, as `scepter init --pkcs11-module` stores it.
  std::string token_uri_with_module(const char* label = kTokenLabel) const {
    return token_uri(label) + "?module-path=" + kSoftHsmModule;
  }
  const std::filesystem::path& dir() const { return dir_; }

  ~SoftHsm() {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

 private:
  SoftHsm() {
    if (!std::filesystem::exists(kSoftHsmModule)) {
      ADD_FAILURE() << "SoftHSM2 is not installed (" << kSoftHsmModule
                    << " missing): apt-get install softhsm2";
      return;
    }
    std::string pattern = (std::filesystem::temp_directory_path() / "scepter-softhsm-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) {
      ADD_FAILURE() << "cannot create a temporary directory";
      return;
    }
    dir_ = pattern;
    std::filesystem::create_directory(dir_ / "tokens");
    auto conf = dir_ / "softhsm2.conf";
    std::ofstream(conf) << "directories.tokendir = " << (dir_ / "tokens").string() << "\n"
                        << "objectstore.backend = file\nlog.level = ERROR\n"
                        << "slots.removable = false\n";
    setenv("SOFTHSM2_CONF", conf.c_str(), 1);
    ready_ = init_token(kTokenLabel, kUserPin) && init_token(kLockedTokenLabel, kLockedTokenPin);
  }

  static bool init_token(const char* label, const char* pin) {
    std::string command = std::string("softhsm2-util --init-token --free --label ") + label +
                          " --so-pin 0000-so --pin " + pin + " >/dev/null";
    if (std::system(command.c_str()) != 0) {
      ADD_FAILURE() << "softhsm2-util --init-token failed for " << label;
      return false;
    }
    return true;
  }

  std::filesystem::path dir_;
  bool ready_ = false;
};

}  // namespace scepter::crypto::testing
