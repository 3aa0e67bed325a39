#pragma once
// Keys and certificates for the CMS tests (and the SCEP engine's), generated once per process.
// Test-only: included by *_test.cpp files, never by library code.

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "crypto/certificate.hpp"
#include "crypto/issue.hpp"
#include "crypto/key.hpp"
#include "crypto/random.hpp"

namespace scepter::crypto::testing {

struct Identity {
  PrivateKey key;
  Certificate certificate;
};

inline TimePoint test_epoch() {
  return from_unix(1'700'000'000);
}  // 2023-11-14

// Unwraps a Result in a test, failing loudly with the error's texts.
template <class T>
T must(Result<T> result) {
  if (!result) {
    ADD_FAILURE() << "unexpected error: " << result.error().client_text << " / "
                  << result.error().log_text;
    std::abort();
  }
  return std::move(*result);
}

struct IdentitySpec {
  std::string common_name;
  const Identity* issuer = nullptr;  // self-signed when null
  bool is_ca = false;
  unsigned key_usage = KeyUsage::digital_signature | KeyUsage::key_encipherment;
  KeySpec key = {KeyType::rsa, 2048};
};

inline Identity make_identity(const IdentitySpec& spec) {
  if (!initialize()) std::abort();
  auto key = must(PrivateKey::generate(spec.key));
  CertificateSpec certificate{
      .subject = {{"O", "scepter tests"}, {"CN", spec.common_name}},
      .serial = random_bytes(8),
      .not_before = test_epoch() - std::chrono::hours(24),
      .not_after = test_epoch() + std::chrono::hours(24 * 3650),
      .public_key = key.public_key(),
      .is_ca = spec.is_ca,
      .path_length = std::nullopt,
      .key_usage = spec.key_usage,
      .extended_key_usage = {},
      .alt_names = {},
      .crl_distribution_points = {},
      .digest = DigestAlg::sha256,
  };
  certificate.serial[0] |= 0x01;  // never zero
  certificate.serial[0] &= 0x7f;
  const PrivateKey& signing_key = spec.issuer ? spec.issuer->key : key;
  auto issued = must(issue_certificate(
      certificate, spec.issuer ? &spec.issuer->certificate : nullptr, signing_key));
  return Identity{std::move(key), std::move(issued)};
}

// A self-signed RSA identity per name, generated on first use and shared by every test.
inline const Identity& shared_identity(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, Identity> identities;
  std::lock_guard lock(mutex);
  auto found = identities.find(name);
  if (found == identities.end()) {
    found = identities.emplace(name, make_identity({.common_name = name})).first;
  }
  return found->second;
}

}  // namespace scepter::crypto::testing
