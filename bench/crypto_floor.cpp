#include "bench/crypto_floor.hpp"

#include <functional>
#include <stdexcept>

#include "bench/process_stats.hpp"
#include "crypto/public_key_operations.hpp"
#include "crypto/random.hpp"

namespace scepter::bench {
namespace {

template <class T>
T checked(Result<T> result) {
  if (!result) throw std::runtime_error("crypto floor: " + result.error().log_text);
  return std::move(*result);
}

// Typical sizes of what is signed: the signed attributes of a pkiMessage or CertRep, a CSR's
// CertificationRequestInfo and a TBSCertificate (the digest is part of the operation).
constexpr std::size_t kSignedAttributes = 220;
constexpr std::size_t kRequestInfo = 420;
constexpr std::size_t kTbsCertificate = 700;

}  // namespace

CryptoFloor measure_crypto_floor(const crypto::PrivateKey& client, const crypto::PrivateKey& ra,
                                 const crypto::PrivateKey& ca, int iterations) {
  using crypto::DigestAlg;
  auto attributes = crypto::random_bytes(kSignedAttributes);
  auto request_info = crypto::random_bytes(kRequestInfo);
  auto tbs = crypto::random_bytes(kTbsCertificate);
  auto content_key = crypto::random_bytes(32);
  auto request_signature = checked(crypto::sign_data(client, DigestAlg::sha256, attributes));
  auto csr_signature = checked(crypto::sign_data(client, DigestAlg::sha256, request_info));
  auto wrapped_key = checked(crypto::encrypt_key(ra.public_key(), content_key));
  auto client_public = client.public_key();

  auto must_verify = [](Result<bool> verified) {
    if (!checked(std::move(verified))) throw std::runtime_error("crypto floor: bad signature");
  };
  std::vector<std::pair<std::string, std::function<void()>>> operations{
      {"verify pkiMessage signature (client RSA-2048)",
       [&] {
         must_verify(
             crypto::verify_data(client_public, DigestAlg::sha256, attributes, request_signature));
       }},
      {"decrypt content key (RA RSA-2048, PKCS#1 v1.5)",
       [&] { checked(crypto::decrypt_key(ra, wrapped_key)); }},
      {"verify CSR signature (client RSA-2048)",
       [&] {
         must_verify(
             crypto::verify_data(client_public, DigestAlg::sha256, request_info, csr_signature));
       }},
      {"sign certificate (CA RSA-2048)",
       [&] { checked(crypto::sign_data(ca, DigestAlg::sha256, tbs)); }},
      {"sign CertRep (RA RSA-2048)",
       [&] { checked(crypto::sign_data(ra, DigestAlg::sha256, attributes)); }},
      {"encrypt reply content key (client RSA-2048)",
       [&] { checked(crypto::encrypt_key(client_public, content_key)); }},
  };
  CryptoFloor floor;
  floor.iterations = iterations;
  for (auto& [name, run] : operations) {
    run();  // warm-up: first use fetches algorithms and builds Montgomery contexts
    auto start = thread_cpu_seconds();
    for (int i = 0; i < iterations; ++i) run();
    double seconds = (thread_cpu_seconds() - start) / iterations;
    floor.operations.push_back({name, seconds});
    floor.seconds_per_enrollment += seconds;
  }
  return floor;
}

}  // namespace scepter::bench
