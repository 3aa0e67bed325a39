#pragma once
// The embedded CA hierarchy: a root, the issuing CA that signs end-entity certificates, an
// optional next issuing CA during rollover, and RA certificates. Used by the admin layer (set-up,
// rollover, RA issuance, CRLs) and by the Authority (chains and signing keys).

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ca/key_vault.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "crypto/certificate.hpp"
#include "crypto/issue.hpp"
#include "crypto/key.hpp"
#include "store/store.hpp"

namespace scepter::ca {

struct SigningCa {
  store::CaRecord record;
  crypto::Certificate certificate;
  crypto::PrivateKey key;
  std::vector<crypto::Certificate> chain;  // this CA first, then up to the root
};

struct PkiOptions {
  std::string crl_base_url;  // e.g. "http://127.0.0.1:8080/crl": the CDP of issued certificates
  std::chrono::hours crl_validity{24 * 7};
};

class Pki {
 public:
  Pki(store::Store& store, const KeyVault& vault, const Clock& clock, PkiOptions options)
      : store_(store), vault_(vault), clock_(clock), options_(std::move(options)) {}

  // Creates a self-signed root and an issuing CA under it. conflict if a root exists.
  Result<SigningCa> create_hierarchy(const crypto::KeySpec& key_spec,
                                     const std::string& common_name);
  // Creates the next issuing CA under the same root (role "next"); conflict if one exists.
  Result<SigningCa> prepare_rollover(const crypto::KeySpec& key_spec);
  // The next issuing CA becomes the issuing one; the old one is retired (still on CRLs).
  Status activate_next();

  Result<SigningCa> issuing_ca();
  Result<std::optional<SigningCa>> next_ca();
  Result<SigningCa> ca_by_id(store::Id id);
  Result<crypto::Certificate> root_certificate();

  // Issues an RA certificate (digitalSignature + keyEncipherment) from the issuing CA.
  Result<store::RaCertificate> issue_ra_certificate(const std::string& name,
                                                    const crypto::KeySpec& key_spec);

  // Signs a fresh CRL for the CA with every certificate it revoked, stores and returns it.
  Result<crypto::Crl> publish_crl(store::Id ca_id);
  // The stored CRL when still current and no revocation happened since; otherwise a new one.
  Result<crypto::Crl> current_crl(store::Id ca_id);

  // Where the CRL of a CA is published: the cRLDistributionPoint of what it issues.
  std::string crl_url(store::Id ca_id) const;
  // Moves the CRLs' published address (the server learns its port only once it listens).
  void set_crl_base_url(std::string url);
  const Clock& clock() const { return clock_; }

 private:
  Result<SigningCa> load(const store::CaRecord& record);
  Result<SigningCa> issue_ca(const crypto::KeySpec& key_spec, const std::string& common_name,
                             const std::string& role, const SigningCa* parent);

  store::Store& store_;
  const KeyVault& vault_;
  const Clock& clock_;
  PkiOptions options_;
  mutable std::mutex crl_base_url_mutex_;  // guards options_.crl_base_url
  // A CA's certificate and key never change once created: each is read and decrypted once.
  std::mutex loaded_mutex_;
  std::map<store::Id, SigningCa> loaded_;
};

// 16 random bytes with the top bit cleared so the INTEGER stays positive in 16 bytes.
Bytes new_serial();

}  // namespace scepter::ca
