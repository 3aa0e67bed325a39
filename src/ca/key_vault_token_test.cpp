// The vault and the CA hierarchy with their keys in a SoftHSM2 token.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "ca/key_vault.hpp"
#include "ca/pki.hpp"
#include "crypto/cms_enveloped.hpp"
#include "crypto/pkcs11_key.hpp"
#include "crypto/random.hpp"
#include "crypto/softhsm_test_support.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace scepter::ca {
namespace {

using crypto::testing::SoftHsm;

constexpr const char* kPinEnv = "SCEPTER_TEST_PKCS11_PIN";

class TokenVaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(SoftHsm::instance().ready());
    ASSERT_TRUE(crypto::initialize());
    crypto::configure_pkcs11({.module_path = "", .pin_env = kPinEnv});
    setenv(kPinEnv, crypto::testing::kUserPin, 1);
    dir_ = std::filesystem::temp_directory_path() /
           ("scepter-token-vault-" + hex_encode(crypto::random_bytes(6)));
    auto vault = KeyVault::open(dir_ / "keys", std::string(64, 'k'));
    ASSERT_TRUE(vault);
    vault_ = std::make_unique<KeyVault>(std::move(*vault));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::unique_ptr<KeyVault> vault_;
};

TEST_F(TokenVaultTest, CreatesKeysInTheTokenAndLoadsThemByUri) {
  const auto token = SoftHsm::instance().token_uri_with_module();
  ASSERT_TRUE(vault_->generate_keys_in(token));
  EXPECT_EQ(vault_->key_token().value(), token);

  auto created = vault_->create(*crypto::KeySpec::parse("ec-p256"), "issuing ca");
  ASSERT_TRUE(created) << created.error().client_text << ": " << created.error().log_text;
  EXPECT_TRUE(created->key_ref.starts_with("pkcs11:token=scepter-test;id=%")) << created->key_ref;
  EXPECT_NE(created->key_ref.find(";object=issuing-ca;type=private?module-path="),
            std::string::npos)
      << created->key_ref;

  auto loaded = vault_->load(created->key_ref);
  ASSERT_TRUE(loaded) << loaded.error().log_text;
  EXPECT_EQ(loaded->public_key(), created->key.public_key());
  // Only the token reference is on disk: no key file was written, none can be.
  EXPECT_FALSE(vault_->save(created->key, "copy"));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir_ / "keys")) {
    ++files;
  }
  EXPECT_EQ(files, 1u);
}

TEST_F(TokenVaultTest, WithoutATokenKeysAreEncryptedFiles) {
  EXPECT_EQ(vault_->key_token().value(), std::nullopt);
  auto created = vault_->create(*crypto::KeySpec::parse("ec-p256"), "ra");
  ASSERT_TRUE(created);
  EXPECT_TRUE(created->key_ref.starts_with("file:ra-"));
  EXPECT_TRUE(vault_->load(created->key_ref));
}

TEST_F(TokenVaultTest, RefusesTokenUrisWithPinsOrBadSyntax) {
  auto with_pin = vault_->generate_keys_in("pkcs11:token=scepter-test?pin-value=1234");
  ASSERT_FALSE(with_pin);
  EXPECT_EQ(with_pin.error().category, ErrorCategory::invalid);
  EXPECT_EQ(with_pin.error().field, "pkcs11_token_uri");
  EXPECT_FALSE(vault_->generate_keys_in("pkcs11:token=a;token=b"));
  EXPECT_FALSE(vault_->generate_keys_in("file:token"));
  EXPECT_EQ(vault_->key_token().value(), std::nullopt);
}

TEST_F(TokenVaultTest, MissingTokenKeyIsAClearError) {
  auto key =
      vault_->load(SoftHsm::instance().token_uri() +
                   ";object=gone;type=private?module-path=" + crypto::testing::kSoftHsmModule);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().category, ErrorCategory::crypto);
  EXPECT_NE(key.error().client_text.find("object=gone"), std::string::npos);
}

TEST_F(TokenVaultTest, HierarchyRaAndCrlWorkWithTokenKeys) {
  auto store = store::open_sqlite_store((dir_ / "scepter.db").string());
  ASSERT_TRUE(store) << store.error().log_text;
  SystemClock clock;
  Pki pki(**store, *vault_, clock, PkiOptions{.crl_base_url = "http://ca.test/crl"});
  ASSERT_TRUE(vault_->generate_keys_in(SoftHsm::instance().token_uri_with_module()));

  auto issuing = pki.create_hierarchy(*crypto::KeySpec::parse("ec-p256"), "Token");
  ASSERT_TRUE(issuing) << issuing.error().client_text << ": " << issuing.error().log_text;
  EXPECT_TRUE(issuing->record.key_ref.starts_with("pkcs11:"));
  ASSERT_EQ(issuing->chain.size(), 2u);
  EXPECT_TRUE(issuing->certificate.is_signed_by(issuing->chain[1]));
  EXPECT_FALSE(issuing->key.to_pem());

  auto ra = pki.issue_ra_certificate("token-ra", *crypto::KeySpec::parse("rsa2048"));
  ASSERT_TRUE(ra) << ra.error().log_text;
  EXPECT_TRUE(ra->key_ref.starts_with("pkcs11:"));
  auto ra_certificate = crypto::Certificate::from_pem(ra->certificate_pem);
  ASSERT_TRUE(ra_certificate);
  EXPECT_TRUE(ra_certificate->is_signed_by(issuing->certificate));
  auto ra_key = vault_->load(ra->key_ref);
  ASSERT_TRUE(ra_key) << ra_key.error().log_text;
  auto sealed = crypto::seal_envelope(as_bytes("request"), *ra_certificate, {});
  ASSERT_TRUE(sealed);
  auto opened = crypto::open_envelope(*sealed, *ra_certificate, *ra_key);
  ASSERT_TRUE(opened) << opened.error().log_text;
  EXPECT_EQ(opened->content, to_bytes("request"));

  auto crl = pki.publish_crl(issuing->record.id);
  ASSERT_TRUE(crl) << crl.error().log_text;
  EXPECT_TRUE(crl->is_signed_by(issuing->certificate));
}

}  // namespace
}  // namespace scepter::ca
