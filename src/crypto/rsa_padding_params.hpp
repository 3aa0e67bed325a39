#pragma once
// The parameters of RSASSA-PSS and RSAES-OAEP as AlgorithmIdentifiers carry them (RFC 4055
// sections 3.1 and 4.1), where SHA-1 is the default left out. Internal to crypto/.

#include <optional>

#include "crypto/handles.hpp"
#include "crypto/issue.hpp"
#include "crypto/public_key_operations.hpp"

namespace scepter::crypto {

// The digest a HashAlgorithm names: SHA-1 when it is left out (null); nullopt for a hash scepter
// does not take.
std::optional<DigestAlg> digest_or_sha1(const X509_ALGOR* hash);

// The hash of a MaskGenAlgorithm: SHA-1 when it is left out (null); nullopt for a function other
// than MGF1 or a hash scepter does not take.
std::optional<DigestAlg> mgf1_digest_of(const X509_ALGOR* mask_generation);

// RSAES-OAEP-params, absent or NULL meaning all defaults. bad_request when they do not decode,
// bad_alg for a hash scepter does not take or a label (decrypt_key uses none).
Result<RsaOaep> read_rsaes_oaep_params(const ASN1_TYPE* parameter);

// RSAES-OAEP-params as OpenSSL's CMS code writes them: SHA-1 hashes left out, so that all-SHA-1
// OAEP is an empty SEQUENCE.
Result<Asn1StringHandle> rsaes_oaep_params(const RsaOaep& oaep);

}  // namespace scepter::crypto
