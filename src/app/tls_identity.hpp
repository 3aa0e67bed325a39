#pragma once
// What the HTTPS listener presents: the operator's certificate and key files, or a server
// certificate that the embedded issuing CA issues once for this node and that is reused on later
// starts. Layout of the generated one under DATA:
//   tls/server.pem      the server certificate, then the issuing CA chain without the root
//   tls/server.key-ref  the key vault reference of its private key (the key itself is encrypted
//                       in keys/ like every CA and RA key)

#include <string>
#include <vector>

#include "admin/workspace.hpp"
#include "core/error.hpp"
#include "http/server.hpp"

namespace scepter::app {

// Reads both PEM files; not_found / invalid with the path in the message.
Result<http::TlsIdentity> load_tls_identity(const std::string& certificate_file,
                                            const std::string& private_key_file);

// The names a generated certificate must carry: the host of the HTTPS listen address (this
// machine's host name when it is a wildcard), the host of public_url, localhost, 127.0.0.1 and
// ::1, without repeats. The first becomes the subject's CN.
std::vector<std::string> server_names(const std::string& https_listen,
                                      const std::string& public_url);

// Reuses DATA/tls/server.pem while it is issued by the current issuing CA, names all of `names`
// and has more than 30 days left; otherwise issues and stores a new one (EC P-256, serverAuth,
// valid 397 days or until the issuing CA expires, whichever is first).
Result<http::TlsIdentity> generated_tls_identity(admin::Workspace& workspace,
                                                 const std::vector<std::string>& names);

}  // namespace scepter::app
