#include "crypto/pkcs11_uri.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace scepter::crypto {
namespace {

TEST(Pkcs11Uri, ParsesPathAndQueryAttributes) {
  auto uri = Pkcs11Uri::parse(
      "pkcs11:token=My%20Token;serial=42;object=issuing-ca;id=%a1%B2;type=private"
      "?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-value=12%2634");
  ASSERT_TRUE(uri) << uri.error().client_text;
  EXPECT_EQ(uri->token, "My Token");
  EXPECT_EQ(uri->serial, "42");
  EXPECT_EQ(uri->object, "issuing-ca");
  EXPECT_EQ(uri->id, (Bytes{0xa1, 0xb2}));
  EXPECT_EQ(uri->type, "private");
  EXPECT_EQ(uri->module_path, "/usr/lib/softhsm/libsofthsm2.so");
  EXPECT_EQ(uri->pin_value, "12&34");
}

TEST(Pkcs11Uri, TextsForLogsAndStorageNeverCarryThePin) {
  auto uri = Pkcs11Uri::parse("pkcs11:token=t;object=k?pin-value=secret&module-path=/m%20x.so");
  ASSERT_TRUE(uri);
  EXPECT_EQ(uri->object_uri(), "pkcs11:token=t;object=k");
  EXPECT_EQ(uri->reference(), "pkcs11:token=t;object=k?module-path=/m%20x.so");
  auto with_source = Pkcs11Uri::parse("pkcs11:token=t?pin-source=file:/run/pin&pin-value=x");
  EXPECT_EQ(with_source->reference(), "pkcs11:token=t?pin-source=file:/run/pin");
  auto again = Pkcs11Uri::parse(uri->reference());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->module_path, "/m x.so");
  EXPECT_TRUE(again->pin_value.empty());
}

TEST(Pkcs11Uri, RejectsMalformedUris) {
  for (const char* text : {
           "file:ca.key",                // another scheme
           "pkcs11:token=a;token=b",     // repeated attribute
           "pkcs11:colour=red",          // unknown path attribute
           "pkcs11:token=a?colour=red",  // unknown query attribute
           "pkcs11:id=%zz",              // bad escape
           "pkcs11:id=%a",               // truncated escape
           "pkcs11:token",               // no value
           "pkcs11:=x",                  // no name
       }) {
    auto uri = Pkcs11Uri::parse(text);
    ASSERT_FALSE(uri) << text;
    EXPECT_EQ(uri.error().category, ErrorCategory::bad_request) << text;
  }
}

TEST(Pkcs11Uri, MalformedQueryPartIsNotEchoed) {
  auto uri = Pkcs11Uri::parse("pkcs11:token=a?pin-value1234");
  ASSERT_FALSE(uri);
  EXPECT_EQ(uri.error().client_text.find("1234"), std::string::npos);
}

TEST(Pkcs11Uri, EscapeKeepsUnreservedCharactersOnly) {
  EXPECT_EQ(pkcs11_escape(as_bytes("ra-default_1.x~")), "ra-default_1.x~");
  EXPECT_EQ(pkcs11_escape(Bytes{0x00, 0xff, ';', '/'}), "%00%ff%3b%2f");
}

TEST(Pkcs11Pin, TakesPinValueThenPinSourceThenEnvironment) {
  setenv("SCEPTER_TEST_PIN_ENV", "from-env", 1);
  auto with_value = Pkcs11Uri::parse("pkcs11:token=t?pin-value=from-uri");
  EXPECT_EQ(resolve_pkcs11_pin(*with_value, "SCEPTER_TEST_PIN_ENV").value(), "from-uri");

  auto file = std::filesystem::temp_directory_path() / "scepter-pkcs11-pin-test";
  std::ofstream(file) << "from-file\n";
  auto with_source = Pkcs11Uri::parse("pkcs11:token=t?pin-source=file:" + file.string());
  EXPECT_EQ(resolve_pkcs11_pin(*with_source, "SCEPTER_TEST_PIN_ENV").value(), "from-file");
  std::filesystem::remove(file);
  auto missing = resolve_pkcs11_pin(*with_source, "SCEPTER_TEST_PIN_ENV");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().category, ErrorCategory::not_found);

  auto plain = Pkcs11Uri::parse("pkcs11:token=t");
  EXPECT_EQ(resolve_pkcs11_pin(*plain, "SCEPTER_TEST_PIN_ENV").value(), "from-env");
  EXPECT_EQ(resolve_pkcs11_pin(*plain, "SCEPTER_TEST_PIN_UNSET").value(), "");
  EXPECT_EQ(resolve_pkcs11_pin(*plain, "").value(), "");
  unsetenv("SCEPTER_TEST_PIN_ENV");
}

}  // namespace
}  // namespace scepter::crypto
