#include "ca/key_vault.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "crypto/random.hpp"

namespace scepter::ca {
namespace {

class KeyVaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("scepter-vault-" + hex_encode(crypto::random_bytes(6)));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(KeyVaultTest, SavesEncryptedAndLoadsBack) {
  auto vault = KeyVault::open(dir_, std::string(64, 'm'));
  ASSERT_TRUE(vault);
  auto key = *crypto::PrivateKey::generate(*crypto::KeySpec::parse("ec-p256"));
  auto ref = vault->save(key, "issuing ca");
  ASSERT_TRUE(ref) << ref.error().log_text;
  EXPECT_TRUE(ref->starts_with("file:issuing-ca-"));
  auto loaded = vault->load(*ref);
  ASSERT_TRUE(loaded) << loaded.error().log_text;
  EXPECT_TRUE(loaded->public_key() == key.public_key());

  auto path = dir_ / ref->substr(5);
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(text.find("ENCRYPTED PRIVATE KEY"), std::string::npos);
}

TEST_F(KeyVaultTest, WrongMasterKeyCannotLoad) {
  auto key = *crypto::PrivateKey::generate(*crypto::KeySpec::parse("ec-p256"));
  auto ref = KeyVault::open(dir_, std::string(64, 'a'))->save(key, "k");
  ASSERT_TRUE(ref);
  EXPECT_FALSE(KeyVault::open(dir_, std::string(64, 'b'))->load(*ref));
}

TEST_F(KeyVaultTest, RefusesBadReferencesAndShortMasterKeys) {
  auto vault = KeyVault::open(dir_, std::string(64, 'm'));
  ASSERT_TRUE(vault);
  EXPECT_FALSE(vault->load("file:../etc/passwd"));
  EXPECT_FALSE(vault->load("pkcs11:token=x"));
  EXPECT_FALSE(vault->load("file:missing.key.pem"));
  EXPECT_FALSE(vault->load("file:"));
  EXPECT_FALSE(KeyVault::open(dir_, "short"));
}

}  // namespace
}  // namespace scepter::ca
