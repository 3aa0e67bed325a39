#pragma once
// The untimed halves of a load run: preparing distinct PKCSReq messages (keys cached on disk)
// and checking every CertRep afterwards. Throws std::runtime_error when preparation fails.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "crypto/certificate.hpp"
#include "crypto/key.hpp"

namespace scepter::bench {

// RSA-2048 keys, read from `cache_dir` (rsa2048-<i>.pem) or generated on `threads` threads and
// written there for the next run.
std::vector<crypto::PrivateKey> cached_keys(const std::filesystem::path& cache_dir,
                                            std::size_t count, unsigned threads);

struct Enrollment {
  crypto::PrivateKey key;
  crypto::Certificate signer;  // self-signed, signs the pkiMessage
  std::string transaction_id;
  Bytes sender_nonce;
  Bytes message;      // the PKCSReq pkiMessage, ready to POST
  Bytes subject_der;  // the request's subject, which a CertPoll names
};

struct EnrollmentPlan {
  std::size_t count = 0;
  std::string challenge;
  std::string name_prefix;  // subject CN is <prefix>-<index>, distinct per run
  unsigned threads = 1;
};

// Enrollment i uses keys[i % keys.size()]; each has its own transactionID, nonce and subject.
std::vector<Enrollment> prepare_enrollments(const EnrollmentPlan& plan,
                                            const std::vector<crypto::PrivateKey>& keys,
                                            const crypto::Certificate& recipient);

struct ReplyCheck {
  bool ok = false;
  std::string problem;     // why not, when !ok
  std::string serial_hex;  // the issued certificate's serial when ok
};

// SUCCESS, signed by `recipient` (the RA or CA the request went to), answering this transaction
// and nonce, decrypting with the client's key, and issuing a certificate for the client's key.
ReplyCheck check_reply(const Enrollment& enrollment, const crypto::Certificate& recipient,
                       int http_status, ByteView body);

}  // namespace scepter::bench
