#pragma once
// Keys and certificate specs shared by the crypto/ unit tests. Generating keys is slow, so each
// kind is made once per test binary.

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <mutex>

#include "crypto/der.hpp"
#include "crypto/handles.hpp"
#include "crypto/issue.hpp"
#include "crypto/key.hpp"

namespace scepter::crypto {

// Everything written to a memory BIO: what OpenSSL's own CMS and PEM code wrote, in tests that
// compare scepter's output with it.
inline Bytes bio_contents(BIO* bio) {
  char* start = nullptr;
  long size = BIO_get_mem_data(bio, &start);
  if (size <= 0 || start == nullptr) return {};
  auto* first = reinterpret_cast<const std::uint8_t*>(start);
  return Bytes(first, first + size);
}

}  // namespace scepter::crypto

namespace scepter::crypto::testing {

inline const TimePoint kStart = from_unix(1'700'000'000);  // 2023-11-14
inline constexpr std::chrono::hours kYear{24 * 365};

// A key per spec name ("rsa2048", "ec-p256", ...), plus any number of distinct keys by `slot`.
inline const PrivateKey& test_key(std::string_view spec_name, int slot = 0) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, int>, PrivateKey> keys;
  std::lock_guard lock(mutex);
  auto key = std::pair{std::string(spec_name), slot};
  auto found = keys.find(key);
  if (found == keys.end()) {
    auto spec = KeySpec::parse(spec_name);
    auto generated = PrivateKey::generate(spec.value());
    found = keys.emplace(key, generated.value()).first;
  }
  return found->second;
}

// A self-signed certificate with an Ed25519 key, which scepter does not take.
inline Bytes ed25519_certificate_der() {
  PkeyHandle key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  X509Handle cert(X509_new());
  if (!key || !cert || ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1) != 1 ||
      !X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) ||
      !X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600) ||
      X509_set_pubkey(cert.get(), key.get()) != 1 ||
      X509_sign(cert.get(), key.get(), nullptr) <= 0) {
    std::abort();
  }
  return encode_der(i2d_X509, cert.get());
}

inline Bytes serial_of(std::uint8_t last) {
  Bytes serial(16, 0x11);
  serial.back() = last;
  return serial;
}

inline CertificateSpec ca_spec(std::string common_name, const PrivateKey& key, std::uint8_t id) {
  return CertificateSpec{
      .subject = {{"C", "DE"}, {"O", "Scepter Test"}, {"CN", std::move(common_name)}},
      .serial = serial_of(id),
      .not_before = kStart,
      .not_after = kStart + 10 * kYear,
      .public_key = key.public_key(),
      .is_ca = true,
      .key_usage = key_cert_sign | crl_sign,
  };
}

inline CertificateSpec leaf_spec(std::string common_name, const PrivateKey& key, std::uint8_t id) {
  return CertificateSpec{
      .subject = {{"O", "Scepter Test"}, {"CN", std::move(common_name)}},
      .serial = serial_of(id),
      .not_before = kStart,
      .not_after = kStart + kYear,
      .public_key = key.public_key(),
      .key_usage = digital_signature | key_encipherment,
      .extended_key_usage = {"1.3.6.1.5.5.7.3.2"},
      .alt_names = {{SanType::dns, "device.example"}, {SanType::ip, "192.0.2.7"}},
      .crl_distribution_points = {"http://pki.example/ca.crl"},
  };
}

}  // namespace scepter::crypto::testing
