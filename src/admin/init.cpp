#include "admin/init.hpp"

#include "admin/accounts.hpp"
#include "admin/endpoints.hpp"
#include "admin/organizations.hpp"
#include "admin/profiles.hpp"
#include "admin/published_files.hpp"
#include "admin/ra.hpp"
#include "admin/validation.hpp"

namespace scepter::admin {
namespace {

constexpr std::string_view kDemoOrganization = "Demo Organization";
constexpr std::string_view kDemoDepartment = "Demo Department";

Result<AccessCodeIssued> create_demo(Workspace& workspace, const Actor& actor) {
  const std::string org(kDemoOrganization);
  const std::string department(kDemoDepartment);
  SCEPTER_CHECK(Organizations(workspace, actor).add(org));
  SCEPTER_CHECK(Organizations(workspace, actor).add_department(org, department));
  Profiles profiles(workspace, actor);
  SCEPTER_CHECK(
      profiles.add({.name = "client-default", .cert_type = "client", .terms_days = {365, 730}}));
  SCEPTER_CHECK(
      profiles.add({.name = "device-default", .cert_type = "device", .terms_days = {365, 730}}));
  SCEPTER_CHECK(Endpoints(workspace, actor)
                    .add({.name = "Demo SCEP",
                          .uri_extension = std::string(kDemoEndpoint),
                          .type = "scep",
                          .cert_type = "device",
                          .getcacert_format = "chain-cms",
                          .getcert_format = "single"}));
  return Accounts(workspace, actor)
      .add({.endpoint = std::string(kDemoEndpoint),
            .name = "demo-account",
            .organization = org,
            .department = department,
            .profile = "device-default",
            .term_days = 365});
}

}  // namespace

Result<InitResult> initialize(Workspace& workspace, const InitOptions& options,
                              const Actor& actor) {
  SCEPTER_TRY(const auto cas, workspace.store().list_cas());
  if (!cas.empty()) return fail(ErrorCategory::conflict, "already initialized");
  SCEPTER_CHECK(check_name("ca_name", options.ca_name));
  if (!options.public_base_url.empty()) {
    SCEPTER_CHECK(workspace.set_public_base_url(options.public_base_url));
  }

  if (!options.key_token_uri.empty()) {
    SCEPTER_CHECK(workspace.vault().generate_keys_in(options.key_token_uri));
  }
  SCEPTER_TRY(const auto issuing,
              workspace.pki().create_hierarchy(options.ca_key, options.ca_name));
  SCEPTER_CHECK(publish_ca_files(workspace));
  SCEPTER_CHECK(record_audit(workspace, actor, "ca.create",
                             "ca:" + std::to_string(issuing.record.id), nullptr,
                             {{"subject", issuing.certificate.subject_text()},
                              {"fingerprint", issuing.certificate.sha256_fingerprint()},
                              {"public_base_url", workspace.public_base_url()}}));
  SCEPTER_CHECK(
      RaCertificates(workspace, actor).add(std::string(kDefaultRaName), options.ra_key.name()));

  InitResult result{.ca_certificate_path = workspace.root_ca_path().string(),
                    .chain_path = workspace.chain_path().string()};
  if (options.demo) {
    SCEPTER_TRY(auto account, create_demo(workspace, actor));
    result.scep_url = workspace.public_base_url() + "/scep/" + std::string(kDemoEndpoint);
    result.access_code = std::move(account.access_code);
  }
  return result;
}

}  // namespace scepter::admin
