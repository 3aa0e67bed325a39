#pragma once
// Building PKCS#10 requests, as a SCEP client does: used by the load generator and by tests that
// play the client.

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "crypto/csr.hpp"
#include "crypto/issue.hpp"
#include "crypto/key.hpp"
#include "crypto/name.hpp"

namespace scepter::crypto {

struct CsrSpec {
  DistinguishedName subject;
  std::optional<std::string> challenge_password;  // PrintableString when it fits, else UTF8String
  std::vector<SubjectAltName> alt_names;          // sent in an extensionRequest
  DigestAlg digest = DigestAlg::sha256;
};

Result<Csr> build_csr(const CsrSpec& spec, const PrivateKey& key);

}  // namespace scepter::crypto
