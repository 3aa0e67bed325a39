#pragma once
// Internal to the server: the OpenSSL context of the HTTPS listener, built from PEM text.

#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "core/error.hpp"
#include "http/server.hpp"

namespace scepter::http::detail {

// TLS 1.2+ with ECDHE and AEAD suites only; `invalid` (field "tls") when the chain or key cannot
// be read or do not belong together.
Result<std::unique_ptr<boost::asio::ssl::context>> make_tls_context(const TlsIdentity& identity);

}  // namespace scepter::http::detail
