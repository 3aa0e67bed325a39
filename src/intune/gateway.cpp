#include "intune/gateway.hpp"

#include "crypto/name.hpp"

namespace scepter::intune {
namespace {

bool same_connection(const store::AzureAccount& a, const store::AzureAccount& b) {
  return a.authority_url == b.authority_url && a.graph_url == b.graph_url &&
         a.intune_url == b.intune_url && a.tenant_id == b.tenant_id && a.client_id == b.client_id &&
         a.client_secret_encrypted == b.client_secret_encrypted && a.trust_ca_pem == b.trust_ca_pem;
}

}  // namespace

Gateway::Gateway(store::Store& store, SecretOpener secrets, GatewayOptions options)
    : store_(store), secrets_(std::move(secrets)), options_(std::move(options)) {}

Result<std::shared_ptr<IntuneClient>> Gateway::client(const store::AzureAccount& account) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = clients_.find(account.id);
        it != clients_.end() && same_connection(it->second.account, account)) {
      return it->second.client;
    }
  }
  auto secret = secrets_(account);
  if (!secret) {
    return fail(ErrorCategory::internal,
                "the client secret of Azure account " + account.name + " cannot be opened",
                secret.error().log_text);
  }
  auto https = options_.https;
  https.extra_trust_pem = account.trust_ca_pem;
  auto client = std::make_shared<IntuneClient>(credentials_of(account, std::move(*secret)),
                                               std::move(https), options_.caller_info);
  std::lock_guard lock(mutex_);
  clients_.insert_or_assign(account.id, Entry{account, client});
  return client;
}

Result<std::shared_ptr<IntuneClient>> Gateway::client_for(const store::Endpoint& endpoint) {
  if (!endpoint.azure_account_id) {
    return fail(ErrorCategory::internal, "the Intune endpoint has no Azure account",
                endpoint.uri_extension);
  }
  auto account = store_.get_azure_account(*endpoint.azure_account_id);
  if (!account) {
    return fail(ErrorCategory::unavailable, "the endpoint's Azure account cannot be read",
                account.error().log_text);
  }
  return client(*account);
}

Status Gateway::validate(const store::Endpoint& endpoint, const std::string& transaction_id,
                         ByteView csr_der) {
  SCEPTER_TRY(auto client, client_for(endpoint));
  return client->validate_request(transaction_id, csr_der);
}

Status Gateway::notify_success(const store::Endpoint& endpoint, const std::string& transaction_id,
                               ByteView csr_der, const crypto::Certificate& issued) {
  SCEPTER_TRY(auto client, client_for(endpoint));
  return client->notify_success({.transaction_id = transaction_id,
                                 .csr_der = Bytes(csr_der.begin(), csr_der.end()),
                                 .thumbprint = issued.sha1_thumbprint(),
                                 .serial = issued.serial_hex(),
                                 .expires_at = issued.not_after(),
                                 .issuing_authority = crypto::to_string(issued.issuer())});
}

Status Gateway::notify_failure(const store::Endpoint& endpoint, const std::string& transaction_id,
                               ByteView csr_der, std::uint32_t hresult,
                               std::string_view description) {
  SCEPTER_TRY(auto client, client_for(endpoint));
  return client->notify_failure({.transaction_id = transaction_id,
                                 .csr_der = Bytes(csr_der.begin(), csr_der.end()),
                                 .hresult = hresult,
                                 .description = std::string(description)});
}

}  // namespace scepter::intune
