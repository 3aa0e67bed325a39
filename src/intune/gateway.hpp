#pragma once
// ca::IntuneGateway over HTTPS: one IntuneClient per Azure account, built on first use (its
// client secret opened then) and rebuilt when the account's connection settings change.

#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "ca/intune_gateway.hpp"
#include "intune/intune_client.hpp"
#include "store/store.hpp"

namespace scepter::intune {

// Opens the sealed client secret of an account (ca::SecretBox in the server).
using SecretOpener = std::function<Result<std::string>(const store::AzureAccount&)>;

struct GatewayOptions {
  HttpsOptions https;  // timeouts and limits; each account adds its own trust bundle
  std::string caller_info = "scepter/0.1";  // callerInfo and UserAgent: who calls Intune
};

class Gateway final : public ca::IntuneGateway {
 public:
  Gateway(store::Store& store, SecretOpener secrets, GatewayOptions options = {});

  Status validate(const store::Endpoint& endpoint, const std::string& transaction_id,
                  ByteView csr_der) override;
  Status notify_success(const store::Endpoint& endpoint, const std::string& transaction_id,
                        ByteView csr_der, const crypto::Certificate& issued) override;
  Status notify_failure(const store::Endpoint& endpoint, const std::string& transaction_id,
                        ByteView csr_der, std::uint32_t hresult,
                        std::string_view description) override;

  // The client of an Azure account as stored now.
  Result<std::shared_ptr<IntuneClient>> client(const store::AzureAccount& account);

 private:
  Result<std::shared_ptr<IntuneClient>> client_for(const store::Endpoint& endpoint);

  struct Entry {
    store::AzureAccount account;
    std::shared_ptr<IntuneClient> client;
  };

  store::Store& store_;
  SecretOpener secrets_;
  GatewayOptions options_;
  std::mutex mutex_;
  std::map<store::Id, Entry> clients_;
};

}  // namespace scepter::intune
