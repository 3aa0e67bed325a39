#pragma once
// Checks shared by issue_certificate() and issue_crl(). Internal to crypto/.

#include "crypto/certificate.hpp"
#include "crypto/handles.hpp"
#include "crypto/issue.hpp"

namespace scepter::crypto {

// The fetched digest for a signature, or bad_alg.
Result<const EVP_MD*> signing_digest(DigestAlg alg);
// invalid when issuer_key is not the private half of issuer's public key: signing with the
// wrong key would produce certificates and CRLs that nothing can verify.
Status check_issuer_key(const Certificate& issuer, const PrivateKey& issuer_key);

}  // namespace scepter::crypto
