#include "http/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace scepter::http::detail {
namespace {

namespace ssl = boost::asio::ssl;

// TLS 1.2 suites with forward secrecy and authenticated encryption, strongest first; TLS 1.3
// suites are all of that kind and keep OpenSSL's defaults.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

std::unexpected<Error> unusable(std::string_view what, const boost::system::error_code& ec) {
  ERR_clear_error();
  return fail(invalid_field("tls", "TLS " + std::string(what) + " is unusable: " + ec.message()));
}

}  // namespace

Result<std::unique_ptr<ssl::context>> make_tls_context(const TlsIdentity& identity) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                       ssl::context::single_dh_use);
  auto* native = context->native_handle();
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
    return fail(ErrorCategory::internal, "cannot configure TLS");
  }
  boost::system::error_code ec;
  const auto& chain = identity.certificate_chain_pem;
  context->use_certificate_chain(boost::asio::buffer(chain.data(), chain.size()), ec);
  if (ec) return unusable("certificate chain", ec);
  const auto& key = identity.private_key_pem;
  context->use_private_key(boost::asio::buffer(key.data(), key.size()), ssl::context::pem, ec);
  if (ec) return unusable("private key", ec);
  if (SSL_CTX_check_private_key(native) != 1) {
    ERR_clear_error();
    return fail(invalid_field("tls", "TLS private key does not match the certificate"));
  }
  return context;
}

}  // namespace scepter::http::detail
