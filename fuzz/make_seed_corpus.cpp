// Writes the seed corpora: valid requests of every kind and algorithm to the fuzz endpoint's RA,
// their envelopes and CSRs, and a little garbage. Run after changing the fixture:
//   cmake --build BUILD --target fuzz_make_seed_corpus && BUILD/fuzz/fuzz_make_seed_corpus
//   fuzz/corpus

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "crypto/cms_client_request.hpp"
#include "crypto/cms_enveloped.hpp"
#include "crypto/random.hpp"
#include "fuzz_fixture.hpp"
#include "scep/cert_poll.hpp"
#include "scep/certificate_query.hpp"
#include "scep/pki_message.hpp"

namespace {

using namespace scepter;
namespace fs = std::filesystem;

template <class T>
T must(Result<T> result, const char* what) {
  if (!result) {
    std::fprintf(stderr, "%s: %s\n", what, result.error().log_text.c_str());
    std::exit(1);
  }
  return std::move(*result);
}

void write(const fs::path& path, ByteView bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

struct Client {
  crypto::PrivateKey key;
  crypto::Certificate certificate;
};

Client make_client() {
  auto key = must(crypto::PrivateKey::generate({crypto::KeyType::rsa, 2048}), "key");
  crypto::CertificateSpec spec{
      .subject = {{"CN", "fuzz client"}},
      .serial = {0x01, 0x02, 0x03},
      .not_before = fuzz::fuzz_time(),
      .not_after = fuzz::fuzz_time() + std::chrono::hours(24),
      .public_key = key.public_key(),
      .is_ca = false,
      .path_length = std::nullopt,
      .key_usage = crypto::KeyUsage::digital_signature | crypto::KeyUsage::key_encipherment,
      .extended_key_usage = {},
      .alt_names = {},
      .crl_distribution_points = {},
      .digest = crypto::DigestAlg::sha256};
  auto certificate = must(crypto::issue_certificate(spec, nullptr, key), "certificate");
  return {std::move(key), std::move(certificate)};
}

Bytes request(const Client& client, const scep::EndpointContext& endpoint, scep::MessageType type,
              ByteView content, crypto::EnvelopeAlgorithms algorithms, crypto::DigestAlg digest) {
  auto envelope =
      must(crypto::seal_envelope(content, endpoint.ra_certificate, algorithms), "envelope");
  scep::OutgoingMessage message{.type = type,
                                .transaction_id = "fuzz-transaction",
                                .sender_nonce = Bytes(16, 0x5C),
                                .recipient_nonce = std::nullopt,
                                .status = std::nullopt,
                                .fail_info = std::nullopt,
                                .fail_info_text = {},
                                .envelope = std::move(envelope)};
  return must(scep::build_pki_message(message, {.certificate = client.certificate,
                                                .key = client.key,
                                                .digest = digest,
                                                .signing_time = fuzz::fuzz_time()}),
              "message");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || !crypto::initialize()) {
    std::fprintf(stderr, "usage: %s CORPUS_ROOT\n", argv[0]);
    return 2;
  }
  fs::path root(argv[1]);
  fs::create_directories(root / "fuzz_pki_message");
  fs::create_directories(root / "fuzz_csr");
  fs::create_directories(root / "fuzz_envelope");
  auto endpoint = fuzz::fuzz_endpoint();
  if (!endpoint) return 1;
  auto client = make_client();

  auto csr = must(crypto::build_csr({.subject = {{"O", "fuzz"}, {"CN", "device"}},
                                     .challenge_password = "challenge",
                                     .alt_names = {{crypto::SanType::dns, "device.example"},
                                                   {crypto::SanType::ip, "192.0.2.7"}},
                                     .digest = crypto::DigestAlg::sha256},
                                    client.key),
                  "csr")
                 .der();
  write(root / "fuzz_csr" / "csr_challenge_san.der", csr);
  write(root / "fuzz_csr" / "truncated.der", ByteView(csr).first(csr.size() / 2));
  write(root / "fuzz_csr" / "empty.der", {});

  using crypto::ContentCipher;
  using crypto::KeyTransport;
  struct Variant {
    const char* name;
    crypto::EnvelopeAlgorithms algorithms;
    crypto::DigestAlg digest;
  };
  const Variant variants[] = {
      {"aes256_sha256",
       {ContentCipher::aes256_cbc, KeyTransport::rsa_pkcs1_v15},
       crypto::DigestAlg::sha256},
      {"aes128_oaep_sha512",
       {ContentCipher::aes128_cbc, KeyTransport::rsa_oaep},
       crypto::DigestAlg::sha512},
      {"des3_sha1",
       {ContentCipher::des_ede3_cbc, KeyTransport::rsa_pkcs1_v15},
       crypto::DigestAlg::sha1},
      {"des_sha1", {ContentCipher::des_cbc, KeyTransport::rsa_pkcs1_v15}, crypto::DigestAlg::sha1},
  };
  auto& out = root;
  for (const auto& variant : variants) {
    const auto& algorithms = variant.algorithms;
    write(out / "fuzz_envelope" /
              (std::string(crypto::to_string(algorithms.cipher)) + "_" +
               std::string(crypto::to_string(algorithms.key_transport)) + ".der"),
          must(crypto::seal_envelope(csr, endpoint->ra_certificate, algorithms), "envelope"));
    write(out / "fuzz_pki_message" / (std::string("pkcsreq_") + variant.name + ".der"),
          request(client, *endpoint, scep::MessageType::pkcs_req, csr, variant.algorithms,
                  variant.digest));
  }
  crypto::EnvelopeAlgorithms aes{ContentCipher::aes256_cbc, KeyTransport::rsa_pkcs1_v15};
  auto sha256 = crypto::DigestAlg::sha256;
  write(out / "fuzz_pki_message" / "renewalreq.der",
        request(client, *endpoint, scep::MessageType::renewal_req, csr, aes, sha256));
  auto poll = must(scep::cert_poll_content(endpoint->ra_certificate.subject_der(),
                                           client.certificate.subject_der()),
                   "poll");
  write(out / "fuzz_pki_message" / "certpoll.der",
        request(client, *endpoint, scep::MessageType::cert_poll, poll, aes, sha256));
  auto query = must(scep::certificate_query_content(endpoint->ra_certificate.issuer_der(),
                                                    endpoint->ra_certificate.serial()),
                    "query");
  write(out / "fuzz_pki_message" / "getcert.der",
        request(client, *endpoint, scep::MessageType::get_cert, query, aes, sha256));
  write(out / "fuzz_pki_message" / "getcrl.der",
        request(client, *endpoint, scep::MessageType::get_crl, query, aes, sha256));
  auto valid = request(client, *endpoint, scep::MessageType::pkcs_req, csr, aes, sha256);
  write(out / "fuzz_pki_message" / "truncated.der", ByteView(valid).first(valid.size() - 7));
  write(out / "fuzz_pki_message" / "empty.der", {});
  write(out / "fuzz_envelope" / "empty.der", {});
  write(out / "fuzz_pki_message" / "garbage.der", as_bytes("\x30\x82\xff\xff not a message"));
  std::printf("seed corpus written to %s\n", root.c_str());
  return 0;
}
