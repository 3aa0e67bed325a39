// Keys generated in a SoftHSM2 token do all a CA and an RA key do, without ever leaving it.
#include "crypto/pkcs11_key.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "crypto/cms_enveloped.hpp"
#include "crypto/cms_signed.hpp"
#include "crypto/random.hpp"
#include "crypto/softhsm_test_support.hpp"
#include "crypto/test_support.hpp"

namespace scepter::crypto {
namespace {

using testing::ca_spec;
using testing::kLockedTokenLabel;
using testing::kLockedTokenPin;
using testing::kSoftHsmModule;
using testing::kStart;
using testing::kUserPin;
using testing::kYear;
using testing::leaf_spec;
using testing::SoftHsm;
using testing::test_key;

constexpr const char* kPinEnv = "SCEPTER_TEST_PKCS11_PIN";

class Pkcs11KeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(SoftHsm::instance().ready());
    ASSERT_TRUE(initialize());
    configure_pkcs11({.module_path = kSoftHsmModule, .pin_env = kPinEnv});
    setenv(kPinEnv, kUserPin, 1);
  }

  // One key per spec and label for the whole binary: generating RSA keys in SoftHSM is slow.
  static const TokenKey& token_key(std::string_view spec_name) {
    static std::map<std::string, TokenKey, std::less<>> keys;
    auto found = keys.find(spec_name);
    if (found == keys.end()) {
      auto generated =
          generate_pkcs11_key(SoftHsm::instance().token_uri(), KeySpec::parse(spec_name).value(),
                              std::string("test-") + std::string(spec_name));
      EXPECT_TRUE(generated) << generated.error().client_text << " " << generated.error().log_text;
      if (!generated) std::abort();
      found = keys.emplace(std::string(spec_name), *generated).first;
    }
    return found->second;
  }

  static Certificate self_signed(const PrivateKey& key, std::uint8_t id) {
    auto certificate = issue_certificate(ca_spec("Token CA", key, id), nullptr, key);
    EXPECT_TRUE(certificate) << certificate.error().log_text;
    return *certificate;
  }
};

TEST_F(Pkcs11KeyTest, GeneratedKeyIsNamedByUriWithoutPin) {
  const auto& generated = token_key("ec-p256");
  EXPECT_EQ(generated.key.type(), KeyType::ec);
  EXPECT_EQ(generated.key.bits(), 256);
  EXPECT_TRUE(generated.uri.starts_with("pkcs11:token=scepter-test;id=%")) << generated.uri;
  EXPECT_TRUE(generated.uri.ends_with(";object=test-ec-p256;type=private?module-path=" +
                                      std::string(kSoftHsmModule)))
      << generated.uri;
  EXPECT_EQ(generated.uri.find(kUserPin), std::string::npos);

  auto loaded = load_pkcs11_key(generated.uri);
  ASSERT_TRUE(loaded) << loaded.error().log_text;
  EXPECT_EQ(loaded->public_key(), generated.key.public_key());
}

TEST_F(Pkcs11KeyTest, PrivateKeyCannotBeExported) {
  for (auto spec : {"rsa2048", "ec-p256"}) {
    auto pem = token_key(spec).key.to_pem();
    EXPECT_FALSE(pem) << spec << " exported:\n" << pem.value_or("");
    auto encrypted = token_key(spec).key.to_pem("passphrase");
    EXPECT_FALSE(encrypted) << spec;
  }
}

TEST_F(Pkcs11KeyTest, GeneratesEveryOfferedKeyType) {
  for (auto [spec, type, bits] :
       {std::tuple{"rsa3072", KeyType::rsa, 3072}, std::tuple{"ec-p384", KeyType::ec, 384}}) {
    const auto& generated = token_key(spec);
    EXPECT_EQ(generated.key.type(), type) << spec;
    EXPECT_EQ(generated.key.bits(), bits) << spec;
  }
}

TEST_F(Pkcs11KeyTest, CertificatesSignedInTheTokenVerify) {
  for (auto spec : {"rsa2048", "ec-p256"}) {
    const auto& ca_key = token_key(spec).key;
    auto ca = self_signed(ca_key, 1);
    EXPECT_TRUE(ca.is_signed_by(ca)) << spec;
    auto leaf = issue_certificate(leaf_spec("device", test_key("rsa2048"), 2), &ca, ca_key);
    ASSERT_TRUE(leaf) << leaf.error().log_text;
    EXPECT_TRUE(leaf->is_signed_by(ca)) << spec;
    EXPECT_FALSE(leaf->is_signed_by(self_signed(test_key("ec-p256"), 3))) << spec;
  }
}

TEST_F(Pkcs11KeyTest, CrlSignedInTheTokenVerifies) {
  const auto& ca_key = token_key("ec-p256").key;
  auto ca = self_signed(ca_key, 4);
  CrlSpec spec{.entries = {{.serial = testing::serial_of(9), .revoked_at = kStart}},
               .this_update = kStart,
               .next_update = kStart + kYear,
               .crl_number = {0x01}};
  auto crl = issue_crl(spec, ca, ca_key);
  ASSERT_TRUE(crl) << crl.error().log_text;
  EXPECT_TRUE(crl->is_signed_by(ca));
  EXPECT_EQ(crl->entries().size(), 1u);
}

TEST_F(Pkcs11KeyTest, TokenRaKeyOpensEnvelopesAndSignsReplies) {
  const auto& ra_key = token_key("rsa2048").key;
  auto ra = self_signed(ra_key, 5);
  const auto content = random_bytes(300);
  for (auto transport : {KeyTransport::rsa_pkcs1_v15, KeyTransport::rsa_oaep}) {
    EnvelopeAlgorithms algorithms{.cipher = ContentCipher::aes128_cbc, .key_transport = transport};
    auto sealed = seal_envelope(content, ra, algorithms);
    ASSERT_TRUE(sealed) << sealed.error().log_text;
    auto opened = open_envelope(*sealed, ra, ra_key);
    ASSERT_TRUE(opened) << to_string(transport) << ": " << opened.error().log_text;
    EXPECT_EQ(opened->content, content);
  }

  auto signed_der = sign_message(content, ra, ra_key, {});
  ASSERT_TRUE(signed_der) << signed_der.error().log_text;
  auto parsed = parse_signed_message(*signed_der);
  ASSERT_TRUE(parsed) << parsed.error().log_text;
  EXPECT_EQ(parsed->content, content);
  EXPECT_EQ(parsed->signer, ra);
}

TEST_F(Pkcs11KeyTest, MissingObjectIsAClearError) {
  token_key("ec-p256");  // the token exists and is logged in
  auto key = load_pkcs11_key("pkcs11:token=scepter-test;object=no-such-key;type=private");
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().category, ErrorCategory::crypto);
  EXPECT_NE(key.error().client_text.find("object=no-such-key"), std::string::npos)
      << key.error().client_text;
}

TEST_F(Pkcs11KeyTest, UnknownTokenIsAClearError) {
  auto key = load_pkcs11_key("pkcs11:token=no-such-token;object=k;type=private");
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().category, ErrorCategory::crypto);
  EXPECT_NE(key.error().client_text.find("token=no-such-token"), std::string::npos);

  auto generated = generate_pkcs11_key("pkcs11:token=no-such-token", {KeyType::ec, 256}, "k");
  ASSERT_FALSE(generated);
  EXPECT_NE(generated.error().client_text.find("no PKCS#11 token matches"), std::string::npos)
      << generated.error().client_text;
}

TEST_F(Pkcs11KeyTest, WrongPinIsRefusedAndNeverShown) {
  const std::string wrong_pin = std::string(kLockedTokenPin) + "-wrong";
  auto key = load_pkcs11_key(std::string("pkcs11:token=") + kLockedTokenLabel +
                             ";object=any;type=private?pin-value=" + wrong_pin);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().category, ErrorCategory::crypto);
  EXPECT_EQ(key.error().client_text.find(wrong_pin), std::string::npos);
  EXPECT_EQ(key.error().log_text.find(wrong_pin), std::string::npos);

  setenv(kPinEnv, wrong_pin.c_str(), 1);
  auto generated = generate_pkcs11_key(SoftHsm::instance().token_uri(kLockedTokenLabel),
                                       {KeyType::ec, 256}, "k");
  ASSERT_FALSE(generated);
  EXPECT_EQ(generated.error().client_text, "wrong PKCS#11 PIN");
}

TEST_F(Pkcs11KeyTest, MissingPinIsRefusedWithoutPrompting) {
  unsetenv(kPinEnv);
  auto generated = generate_pkcs11_key(SoftHsm::instance().token_uri(kLockedTokenLabel),
                                       {KeyType::ec, 256}, "k");
  ASSERT_FALSE(generated);
  EXPECT_NE(generated.error().client_text.find("no PIN"), std::string::npos);
  auto key = load_pkcs11_key(std::string("pkcs11:token=") + kLockedTokenLabel + ";object=any");
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().category, ErrorCategory::crypto);
}

TEST_F(Pkcs11KeyTest, RejectsBadUrisAndUnsupportedKeys) {
  auto bad = load_pkcs11_key("pkcs11:token=scepter-test;colour=red");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().category, ErrorCategory::bad_request);

  auto with_object = generate_pkcs11_key("pkcs11:token=scepter-test;object=x", {}, "k");
  ASSERT_FALSE(with_object);
  EXPECT_EQ(with_object.error().category, ErrorCategory::invalid);
  auto nameless = generate_pkcs11_key("pkcs11:object=x", {}, "k");
  ASSERT_FALSE(nameless);
  EXPECT_EQ(nameless.error().category, ErrorCategory::invalid);

  auto small = generate_pkcs11_key(SoftHsm::instance().token_uri(), {KeyType::rsa, 1024}, "k");
  ASSERT_FALSE(small);
  EXPECT_EQ(small.error().category, ErrorCategory::invalid);
}

TEST_F(Pkcs11KeyTest, OneModulePerProcess) {
  token_key("ec-p256");  // the engine runs with SoftHSM now
  auto other = load_pkcs11_key("pkcs11:token=t;object=k?module-path=/usr/lib/other-pkcs11.so");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().category, ErrorCategory::conflict);
}

TEST_F(Pkcs11KeyTest, NoModuleConfiguredIsAnError) {
  configure_pkcs11({.module_path = "", .pin_env = kPinEnv});
  auto key = load_pkcs11_key("pkcs11:token=scepter-test;object=k");
  configure_pkcs11({.module_path = kSoftHsmModule, .pin_env = kPinEnv});
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().category, ErrorCategory::invalid);
}

}  // namespace
}  // namespace scepter::crypto
