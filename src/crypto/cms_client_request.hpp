#pragma once
// What a SCEP client builds besides the CMS layers: the PKCS#10 request that PKCSReq and
// RenewalReq carry (RFC 8894 section 3.3.1). Used by the engine's tests, the fuzz seed corpus and
// the load generator; the server itself only parses requests.

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
  std::optional<std::string> challenge_password;  // encoded as a PrintableString
  std::vector<SubjectAltName> alt_names;          // in an extensionRequest attribute
  DigestAlg digest = DigestAlg::sha256;
};

// Errors are invalid ones naming the field ("subject", "challenge_password", "alt_names").
Result<Csr> build_csr(const CsrSpec& spec, const PrivateKey& key);

}  // namespace scepter::crypto
