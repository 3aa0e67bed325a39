#pragma once
// The cryptographic floor of one PKCSReq enrollment: the CPU time of exactly the public-key
// operations a server must perform, measured in-process with the same key types and sizes as
// the server under test (RSA-2048 client, RA and CA keys, SHA-256, PKCS#1 v1.5 key transport).
//
// The operations, in the order a server meets them:
//   1. verify the pkiMessage signature      (client public key, RSA-2048 verify)
//   2. decrypt the content-encryption key   (RA private key, RSA-2048 PKCS#1 v1.5 decrypt)
//   3. verify the PKCS#10 self-signature    (client public key, RSA-2048 verify)
//   4. sign the certificate                 (CA private key, RSA-2048 sign)
//   5. sign the CertRep                     (RA private key, RSA-2048 sign)
//   6. encrypt the reply's content key      (client public key, RSA-2048 PKCS#1 v1.5 encrypt)
// Symmetric work (AES, SHA-256) and everything else is deliberately left out: it is part of
// what the benchmark calls overhead.

#include <string>
#include <vector>

#include "crypto/key.hpp"

namespace scepter::bench {

struct OperationCost {
  std::string name;
  double seconds = 0;  // CPU seconds per operation
};

struct CryptoFloor {
  std::vector<OperationCost> operations;
  double seconds_per_enrollment = 0;  // the sum
  int iterations = 0;
};

// Throws std::runtime_error if an operation fails.
CryptoFloor measure_crypto_floor(const crypto::PrivateKey& client, const crypto::PrivateKey& ra,
                                 const crypto::PrivateKey& ca, int iterations);

}  // namespace scepter::bench
