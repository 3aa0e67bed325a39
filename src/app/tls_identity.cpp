#include "app/tls_identity.hpp"

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "core/log.hpp"
#include "crypto/certificate.hpp"
#include "crypto/issue.hpp"

namespace scepter::app {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr auto kRenewBefore = std::chrono::hours(24 * 30);
constexpr auto kValidity = std::chrono::hours(24 * 397);  // what browsers accept at most
constexpr auto kBackdate = 5min;                          // tolerates clients' clock skew
constexpr std::string_view kServerAuth = "1.3.6.1.5.5.7.3.1";

Result<std::string> read_text(const fs::path& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) {
    return fail(ErrorCategory::not_found, "cannot read " + std::string(what) + " " + path.string());
  }
  return text.str();
}

// Written under a temporary name and renamed, so that a crash leaves the old file or the new.
Status write_text(const fs::path& path, std::string_view text) {
  auto temp = path;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!(out << text) || !out.flush()) {
      return fail(ErrorCategory::internal, "cannot write " + temp.string());
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) return fail(ErrorCategory::internal, "cannot write " + path.string(), ec.message());
  return {};
}

bool is_ip_address(const std::string& host) {
  std::array<unsigned char, 16> buffer{};
  return inet_pton(AF_INET, host.c_str(), buffer.data()) == 1 ||
         inet_pton(AF_INET6, host.c_str(), buffer.data()) == 1;
}

// "HOST:PORT" or "[V6]:PORT" -> HOST
std::string listen_host(std::string_view listen) {
  if (listen.starts_with('[')) return std::string(listen.substr(1, listen.find(']') - 1));
  return std::string(listen.substr(0, listen.rfind(':')));
}

// "scheme://host[:port][/path]" -> host
std::string url_host(std::string_view url) {
  auto start = url.find("://");
  if (start == std::string_view::npos) return {};
  url.remove_prefix(start + 3);
  url = url.substr(0, url.find('/'));
  if (url.starts_with('[')) return std::string(url.substr(1, url.find(']') - 1));
  return std::string(url.substr(0, url.find(':')));
}

std::string machine_name() {
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0) return {};
  return name.data();
}

crypto::SubjectAltName alt_name(const std::string& name) {
  return {is_ip_address(name) ? crypto::SanType::ip : crypto::SanType::dns, name};
}

bool names_all(const crypto::Certificate& certificate, const std::vector<std::string>& names) {
  auto present = certificate.subject_alt_names();
  return std::ranges::all_of(names, [&](const std::string& name) {
    return std::ranges::find(present, alt_name(name)) != present.end();
  });
}

struct TlsFiles {
  fs::path certificate;
  fs::path key_ref;
};

TlsFiles tls_files(const admin::Workspace& workspace) {
  auto dir = workspace.data_dir() / "tls";
  return {dir / "server.pem", dir / "server.key-ref"};
}

// The stored identity when it can still be used as it is.
std::optional<http::TlsIdentity> reusable(admin::Workspace& workspace, const ca::SigningCa& ca,
                                          const std::vector<std::string>& names) {
  auto files = tls_files(workspace);
  if (!fs::exists(files.certificate) || !fs::exists(files.key_ref)) return std::nullopt;
  auto chain_pem = read_text(files.certificate, "TLS certificate");
  auto key_ref = read_text(files.key_ref, "TLS key reference");
  if (!chain_pem || !key_ref) return std::nullopt;
  auto certificate = crypto::Certificate::from_pem(*chain_pem);
  auto key = workspace.vault().load(*key_ref);
  if (!certificate || !key) return std::nullopt;
  bool usable = certificate->is_signed_by(ca.certificate) &&
                certificate->public_key() == key->public_key() && names_all(*certificate, names) &&
                certificate->not_after() > workspace.clock().now() + kRenewBefore;
  if (!usable) return std::nullopt;
  auto key_pem = key->to_pem();
  if (!key_pem) return std::nullopt;
  return http::TlsIdentity{*chain_pem, *key_pem};
}

Result<http::TlsIdentity> issue_identity(admin::Workspace& workspace, const ca::SigningCa& ca,
                                         const std::vector<std::string>& names) {
  SCEPTER_TRY(auto key, crypto::PrivateKey::generate({crypto::KeyType::ec, 256}));
  auto now = workspace.clock().now();
  crypto::CertificateSpec spec{
      .subject = {{"O", "scepter"}, {"CN", names.front()}},
      .serial = ca::new_serial(),
      .not_before = now - kBackdate,
      .not_after = std::min(now + kValidity, ca.certificate.not_after()),
      .public_key = key.public_key(),
      .key_usage = crypto::digital_signature,
      .extended_key_usage = {std::string(kServerAuth)},
  };
  std::ranges::transform(names, std::back_inserter(spec.alt_names), alt_name);
  SCEPTER_TRY(auto certificate, crypto::issue_certificate(spec, &ca.certificate, ca.key));

  // The client holds the root; it needs the issuing CA and any intermediates from us.
  std::vector<crypto::Certificate> chain{certificate};
  std::ranges::copy_if(ca.chain, std::back_inserter(chain),
                       [](const crypto::Certificate& c) { return !c.is_self_issued(); });
  auto chain_pem = crypto::to_pem(chain);
  SCEPTER_TRY(auto key_ref, workspace.vault().save(key, "tls-server"));
  SCEPTER_TRY(auto key_pem, key.to_pem());

  auto files = tls_files(workspace);
  std::error_code ec;
  fs::create_directories(files.certificate.parent_path(), ec);
  if (ec)
    return fail(ErrorCategory::internal,
                "cannot create " + files.certificate.parent_path().string());
  SCEPTER_CHECK(write_text(files.key_ref, key_ref));
  SCEPTER_CHECK(write_text(files.certificate, chain_pem));
  log::info("issued TLS server certificate", {{"serial", certificate.serial_hex()},
                                              {"subject", certificate.subject_text()},
                                              {"file", files.certificate.string()}});
  return http::TlsIdentity{chain_pem, key_pem};
}

}  // namespace

Result<http::TlsIdentity> load_tls_identity(const std::string& certificate_file,
                                            const std::string& private_key_file) {
  SCEPTER_TRY(auto chain_pem, read_text(certificate_file, "TLS certificate"));
  SCEPTER_TRY(auto key_pem, read_text(private_key_file, "TLS private key"));
  return http::TlsIdentity{std::move(chain_pem), std::move(key_pem)};
}

std::vector<std::string> server_names(const std::string& https_listen,
                                      const std::string& public_url) {
  std::vector<std::string> names;
  auto add = [&names](std::string name) {
    if (!name.empty() && std::ranges::find(names, name) == names.end()) {
      names.push_back(std::move(name));
    }
  };
  auto host = listen_host(https_listen);
  add(host == "0.0.0.0" || host == "::" ? machine_name() : host);
  add(url_host(public_url));
  for (const auto* loopback : {"localhost", "127.0.0.1", "::1"}) add(loopback);
  return names;
}

Result<http::TlsIdentity> generated_tls_identity(admin::Workspace& workspace,
                                                 const std::vector<std::string>& names) {
  SCEPTER_TRY(auto ca, workspace.pki().issuing_ca());
  if (auto identity = reusable(workspace, ca, names)) return *identity;
  return issue_identity(workspace, ca, names);
}

}  // namespace scepter::app
