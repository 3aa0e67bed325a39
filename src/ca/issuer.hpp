#pragma once
// Turns an authorized CSR into a certificate and records both it and its SCEP transaction in one
// store transaction. Shared by SCEP enrollment and by approval of pending requests.

#include <optional>
#include <string>

#include "ca/pki.hpp"
#include "core/error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/csr.hpp"
#include "store/records.hpp"
#include "store/store.hpp"

namespace scepter::ca {

struct IssueRequest {
  const SigningCa& ca;
  const store::Endpoint& endpoint;
  const store::Profile& profile;
  int term_days = 0;
  std::optional<store::Id> account_id;
  const crypto::Csr& csr;
  std::string transaction_id;
  std::string message_type;  // "PKCSReq" | "RenewalReq"
  std::string client_address;
};

class Issuer {
 public:
  Issuer(store::Store& store, Pki& pki) : store_(store), pki_(pki) {}

  // invalid when the profile refuses the CSR; conflict when the transaction was decided meanwhile.
  Result<crypto::Certificate> issue(const IssueRequest& request);

 private:
  store::Store& store_;
  Pki& pki_;
};

// "dns:a.example,email:x@y": the form certificates are searched by.
std::string describe_alt_names(const std::vector<crypto::SubjectAltName>& names);

}  // namespace scepter::ca
