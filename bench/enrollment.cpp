#include "bench/enrollment.hpp"

#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/clock.hpp"
#include "crypto/cms_client_request.hpp"
#include "crypto/random.hpp"
#include "scep/client.hpp"

namespace scepter::bench {
namespace {

template <class T>
T value_or_throw(Result<T> result, std::string_view what) {
  if (!result) {
    throw std::runtime_error(std::string(what) + ": " + result.error().client_text + " / " +
                             result.error().log_text);
  }
  return std::move(*result);
}

// Runs body(i) for i in [0, count) on `threads` threads; the first exception is rethrown.
template <class Body>
void parallel_for(std::size_t count, unsigned threads, Body body) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  std::vector<std::jthread> workers;
  for (unsigned t = 0; t < std::max(1u, threads); ++t) {
    workers.emplace_back([&] {
      for (auto i = next++; i < count; i = next++) {
        try {
          body(i);
        } catch (...) {
          std::lock_guard lock(error_mutex);
          if (!error) error = std::current_exception();
          next = count;
        }
      }
    });
  }
  workers.clear();
  if (error) std::rethrow_exception(error);
}

std::optional<crypto::PrivateKey> read_key(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  auto key = crypto::PrivateKey::from_pem(text.str());
  if (!key || key->bits() != 2048) return std::nullopt;
  return std::move(*key);
}

}  // namespace

std::vector<crypto::PrivateKey> cached_keys(const std::filesystem::path& cache_dir,
                                            std::size_t count, unsigned threads) {
  std::filesystem::create_directories(cache_dir);
  std::vector<std::optional<crypto::PrivateKey>> keys(count);
  parallel_for(count, threads, [&](std::size_t i) {
    auto file = cache_dir / ("rsa2048-" + std::to_string(i) + ".pem");
    keys[i] = read_key(file);
    if (keys[i]) return;
    keys[i] = value_or_throw(crypto::PrivateKey::generate({crypto::KeyType::rsa, 2048}), "keygen");
    auto pem = value_or_throw(keys[i]->to_pem(), "key to PEM");
    auto temporary = file;
    temporary += ".tmp";
    std::ofstream(temporary) << pem;
    std::filesystem::rename(temporary, file);
  });
  std::vector<crypto::PrivateKey> out;
  out.reserve(count);
  for (auto& key : keys) out.push_back(std::move(*key));
  return out;
}

std::vector<Enrollment> prepare_enrollments(const EnrollmentPlan& plan,
                                            const std::vector<crypto::PrivateKey>& keys,
                                            const crypto::Certificate& recipient) {
  if (keys.empty()) throw std::invalid_argument("no keys");
  auto now = SystemClock{}.now();
  // One self-signed signer per key: a client keeps its certificate while it holds the key.
  auto pool = std::min(keys.size(), plan.count);
  std::vector<std::optional<crypto::Certificate>> signers(pool);
  parallel_for(pool, plan.threads, [&](std::size_t i) {
    signers[i] = value_or_throw(scep::client::self_signed_certificate(
                                    keys[i], plan.name_prefix + "-key-" + std::to_string(i), now),
                                "signer");
  });
  std::vector<std::optional<Enrollment>> prepared(plan.count);
  parallel_for(plan.count, plan.threads, [&](std::size_t i) {
    const auto& key = keys[i % pool];
    const auto& signer = *signers[i % pool];
    auto name = plan.name_prefix + "-" + std::to_string(i);
    auto csr = value_or_throw(crypto::build_csr({.subject = {{"CN", name}},
                                                 .challenge_password = plan.challenge,
                                                 .alt_names = {},
                                                 .digest = crypto::DigestAlg::sha256},
                                                key),
                              "CSR");
    scep::client::RequestHeader header{scep::MessageType::pkcs_req,
                                       hex_encode(crypto::random_bytes(16)),
                                       crypto::random_bytes(16)};
    auto message = value_or_throw(
        scep::client::build_request(header, csr.der(), recipient,
                                    {crypto::ContentCipher::aes256_cbc,
                                     crypto::KeyTransport::rsa_pkcs1_v15, crypto::DigestAlg::sha1},
                                    {.certificate = signer,
                                     .key = key,
                                     .digest = crypto::DigestAlg::sha256,
                                     .signing_time = now}),
        "PKCSReq");
    prepared[i] = Enrollment{key,
                             signer,
                             std::move(header.transaction_id),
                             std::move(header.sender_nonce),
                             std::move(message),
                             csr.subject_der()};
  });
  std::vector<Enrollment> out;
  out.reserve(plan.count);
  for (auto& enrollment : prepared) out.push_back(std::move(*enrollment));
  return out;
}

ReplyCheck check_reply(const Enrollment& enrollment, const crypto::Certificate& recipient,
                       int http_status, ByteView body) {
  auto problem = [](std::string text) { return ReplyCheck{false, std::move(text), {}}; };
  if (http_status != 200) return problem("HTTP status " + std::to_string(http_status));
  auto reply = scep::client::read_reply(body, enrollment.signer, enrollment.key);
  if (!reply) return problem("unreadable CertRep: " + reply.error().client_text);
  const auto& message = reply->message;
  if (message.signer != recipient) return problem("CertRep not signed by the RA/CA");
  if (message.type != scep::MessageType::cert_rep) return problem("not a CertRep");
  if (message.transaction_id != enrollment.transaction_id) return problem("wrong transactionID");
  if (message.recipient_nonce != enrollment.sender_nonce) return problem("wrong recipientNonce");
  if (message.status != scep::PkiStatus::success) {
    return problem("pkiStatus " + std::string(message.status ? to_string(*message.status) : "?") +
                   (message.fail_info_text.empty() ? "" : ": " + message.fail_info_text));
  }
  if (!reply->bag || reply->bag->certificates.empty()) return problem("no certificate");
  const auto& issued = reply->bag->certificates.front();
  if (issued.public_key() != enrollment.key.public_key()) {
    return problem("certificate is not for the requested key");
  }
  return ReplyCheck{true, {}, issued.serial_hex()};
}

}  // namespace scepter::bench
