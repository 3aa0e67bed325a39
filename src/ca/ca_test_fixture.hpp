#pragma once
// A real SQLite store, key vault and CA hierarchy in a temporary directory, for the ca/ tests.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "ca/access_code.hpp"
#include "ca/key_vault.hpp"
#include "ca/pki.hpp"
#include "core/clock.hpp"
#include "crypto/cms_client_request.hpp"
#include "crypto/random.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace scepter::ca {

class CaFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::initialize());
    dir_ = std::filesystem::temp_directory_path() /
           ("scepter-ca-test-" + hex_encode(crypto::random_bytes(6)));
    std::filesystem::create_directories(dir_);
    auto store = store::open_sqlite_store((dir_ / "scepter.db").string());
    ASSERT_TRUE(store) << store.error().log_text;
    store_ = std::move(*store);
    auto vault = KeyVault::open(dir_ / "keys", std::string(64, 'k'));
    ASSERT_TRUE(vault);
    vault_ = std::make_unique<KeyVault>(std::move(*vault));
    pki_ = std::make_unique<Pki>(*store_, *vault_, clock_,
                                 PkiOptions{.crl_base_url = "http://ca.test/crl"});
    auto hierarchy = pki_->create_hierarchy(*crypto::KeySpec::parse("ec-p256"), "Test");
    ASSERT_TRUE(hierarchy) << hierarchy.error().log_text;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  static crypto::PrivateKey new_key(const char* spec = "ec-p256") {
    return *crypto::PrivateKey::generate(*crypto::KeySpec::parse(spec));
  }
  static crypto::Csr csr_for(const crypto::PrivateKey& key, std::string common_name,
                             std::optional<std::string> password = std::nullopt,
                             std::vector<crypto::SubjectAltName> alt_names = {}) {
    auto csr = crypto::build_csr({.subject = {{"CN", std::move(common_name)}},
                                  .challenge_password = std::move(password),
                                  .alt_names = std::move(alt_names)},
                                 key);
    EXPECT_TRUE(csr) << csr.error().log_text;
    return *csr;
  }

  store::Profile client_profile(bool requires_approval = false, std::string name = "client") {
    store::Profile profile{.name = std::move(name),
                           .cert_type = "client",
                           .key_types = {"rsa", "ec"},
                           .terms_days = {365},
                           .san_types = {"dns", "email"},
                           .subject_attributes = {"CN", "O", "OU"},
                           .requires_approval = requires_approval};
    auto created = store_->create_profile(profile);
    EXPECT_TRUE(created) << created.error().log_text;
    return *created;
  }

  store::Endpoint make_endpoint(std::string uri_extension = "demo", std::string type = "scep") {
    auto ra = pki_->issue_ra_certificate("ra-" + uri_extension, *crypto::KeySpec::parse("rsa2048"));
    EXPECT_TRUE(ra) << ra.error().log_text;
    auto endpoint = store_->create_endpoint({.name = uri_extension,
                                             .uri_extension = uri_extension,
                                             .type = std::move(type),
                                             .cert_type = "client",
                                             .ra_certificate_id = ra->id,
                                             .getcacert_format = "chain-cms",
                                             .getcert_format = "single"});
    EXPECT_TRUE(endpoint) << endpoint.error().log_text;
    return *endpoint;
  }

  std::filesystem::path dir_;
  FixedClock clock_{std::chrono::system_clock::now()};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<KeyVault> vault_;
  std::unique_ptr<Pki> pki_;
};

}  // namespace scepter::ca
