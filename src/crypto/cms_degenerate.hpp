#pragma once
// Degenerate certificates-only SignedData (RFC 8894 section 3.4): certificates and CRLs with no
// signer and no content, as GetCACert and the CertRep's inner message carry them.

#include <span>
#include <vector>

#include "core/bytes.hpp"
#include "core/error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/issue.hpp"

namespace scepter::crypto {

struct CertificateBag {
  std::vector<Certificate> certificates;
  std::vector<Crl> crls;
};

// Certificates keep the order given (clients take the first one as the issued certificate).
Result<Bytes> degenerate_signed_data(std::span<const Certificate> certificates,
                                     std::span<const Crl> crls = {});

// The certificates and CRLs of any SignedData, in encoded order; signatures are not looked at.
// bad_request when the bytes are not a SignedData.
Result<CertificateBag> read_certificate_bag(ByteView der);

}  // namespace scepter::crypto
