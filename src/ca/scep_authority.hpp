#pragma once
// scep::Authority for scepter's endpoints: who is asking (account access code, renewal signer,
// Intune's verdict), what the profile allows, issuance, pending approval, idempotent replays,
// throttling.

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <variant>

#include "ca/access_code.hpp"
#include "ca/intune_gateway.hpp"
#include "ca/issuer.hpp"
#include "ca/key_vault.hpp"
#include "ca/pki.hpp"
#include "core/clock.hpp"
#include "scep/authority.hpp"
#include "store/store.hpp"

namespace scepter::ca {

struct ThrottleOptions {
  int max_failures = 10;         // wrong access codes per client address and endpoint ...
  int window_seconds = 15 * 60;  // ... within this window before further attempts are refused
};

class ScepAuthority final : public scep::Authority {
 public:
  ScepAuthority(store::Store& store, Pki& pki, const KeyVault& vault, const AccessCodes& codes,
                ThrottleOptions throttle = {}, IntuneGateway* intune = nullptr);

  Result<std::shared_ptr<const scep::EndpointContext>> endpoint(
      std::string_view uri_extension) override;
  scep::Decision enroll(const scep::EndpointContext& endpoint,
                        const scep::EnrollmentRequest& request) override;
  scep::Decision poll(const scep::EndpointContext& endpoint,
                      const scep::PollRequest& request) override;
  scep::Decision get_cert(const scep::EndpointContext& endpoint,
                          const scep::CertificateQuery& query) override;
  scep::CrlDecision get_crl(const scep::EndpointContext& endpoint,
                            const scep::CertificateQuery& query) override;

 private:
  // What endpoint() hands the engine, with what only this class needs; the engine passes the
  // same object back into enroll() and friends.
  struct LoadedEndpoint;
  static const LoadedEndpoint& loaded(const scep::EndpointContext& endpoint);
  Result<std::shared_ptr<const LoadedEndpoint>> load(const store::Endpoint& endpoint);

  // An account's profile and term, a renewed certificate's, or an Intune endpoint's decide
  // what is issued.
  struct Grant {
    store::Profile profile;
    int term_days = 0;
    std::optional<store::Id> account_id;
    bool intune_validated = false;  // Intune must hear how the request ended
  };
  // A grant, a refusal, or a dependency outage that the client should retry (HTTP 503).
  using Authorization = std::variant<Grant, scep::Rejected, scep::Unavailable>;
  Authorization authorize(const LoadedEndpoint& endpoint, const scep::EnrollmentRequest& request);
  // The store's record of a certificate this CA issued (the same DER), nothing for any other.
  Result<std::optional<store::CertificateRecord>> issued_record(
      const crypto::Certificate& certificate);
  // A CertPoll for a renewal signed by the certificate it renews, which still speaks for the
  // renewal's account and subject.
  Result<bool> polled_by_renewed_certificate(const LoadedEndpoint& endpoint,
                                             const store::Transaction& transaction,
                                             const crypto::Certificate& signer);
  Authorization authorize_renewal(const LoadedEndpoint& endpoint,
                                  const scep::EnrollmentRequest& request,
                                  const store::CertificateRecord& previous);
  Authorization authorize_challenge(const LoadedEndpoint& endpoint,
                                    const scep::EnrollmentRequest& request);
  Authorization authorize_intune(const LoadedEndpoint& endpoint,
                                 const scep::EnrollmentRequest& request);
  // After Intune validated a request: tells Intune it got no certificate (and why).
  void report_to_intune(const LoadedEndpoint& endpoint, const scep::EnrollmentRequest& request,
                        std::uint32_t hresult, const std::string& text);
  // The same, then rejects the request.
  scep::Rejected reject_validated(const LoadedEndpoint& endpoint,
                                  const scep::EnrollmentRequest& request, std::uint32_t hresult,
                                  std::string text, const std::string& detail = {});
  // Issued after Intune validated the request: Intune must take note, or the certificate is
  // revoked and the client gets none.
  scep::Decision confirm_with_intune(const LoadedEndpoint& endpoint,
                                     const scep::EnrollmentRequest& request,
                                     crypto::Certificate issued);
  scep::Decision decide(const LoadedEndpoint& endpoint, const scep::EnrollmentRequest& request,
                        const Bytes& key_digest);
  scep::Decision replay(const store::Transaction& transaction, const Bytes& key_digest);
  scep::Rejected reject(const LoadedEndpoint& endpoint, const std::string& transaction_id,
                        const std::string& client, scep::FailInfo info, std::string text,
                        const std::string& detail = {});

  store::Store& store_;
  Pki& pki_;
  const KeyVault& vault_;
  const AccessCodes& codes_;
  Issuer issuer_;
  ThrottleOptions throttle_;
  IntuneGateway* intune_;

  // Endpoint contexts keyed by URI extension, rebuilt when the store's config generation moves,
  // so that keys are parsed once and not per request.
  std::shared_mutex cache_mutex_;
  long long cache_generation_ = -1;
  std::map<std::string, std::shared_ptr<const LoadedEndpoint>, std::less<>> cache_;
};

}  // namespace scepter::ca
