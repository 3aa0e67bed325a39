// The contract for changing and removing organizations, departments and profiles: renames keep
// ids, and nothing is removed while another row still refers to it.
#include <gtest/gtest.h>

#include "contract_fixture.hpp"

namespace scepter::store {
namespace {

using testing::fails_with;
using testing::ok;
using testing::SeededStore;

TEST_P(SeededStore, OrganizationsRenameInPlace) {
  auto before = generation();
  auto renamed = ok(store->rename_organization(s.organization.id, "Acme Corp"));
  EXPECT_EQ(renamed.id, s.organization.id);
  EXPECT_EQ(renamed.name, "Acme Corp");
  EXPECT_EQ(renamed.created_at, s.organization.created_at);
  EXPECT_EQ(ok(store->find_organization("Acme Corp")).id, s.organization.id);
  EXPECT_TRUE(fails_with(store->find_organization("Acme"), ErrorCategory::not_found));
  EXPECT_EQ(ok(store->get_department(s.department.id)).organization_id, s.organization.id);
  EXPECT_EQ(generation(), before + 1);
}

TEST_P(SeededStore, RenamingToATakenNameOrAMissingIdFails) {
  ok(store->create_organization({.name = "Beta", .created_at = 1}));
  auto before = generation();
  EXPECT_TRUE(fails_with(store->rename_organization(s.organization.id, "Beta"),
                         ErrorCategory::conflict, "name"));
  EXPECT_TRUE(fails_with(store->rename_organization(999, "Gamma"), ErrorCategory::not_found));
  ok(store->create_department(
      {.organization_id = s.organization.id, .name = "Sales", .created_at = 1}));
  before = generation();
  EXPECT_TRUE(fails_with(store->rename_department(s.department.id, "Sales"),
                         ErrorCategory::conflict, "name"));
  EXPECT_TRUE(fails_with(store->rename_department(999, "Ops"), ErrorCategory::not_found));
  EXPECT_EQ(generation(), before);
  EXPECT_EQ(ok(store->get_organization(s.organization.id)).name, "Acme");
  EXPECT_EQ(ok(store->get_department(s.department.id)).name, "Ops");
}

TEST_P(SeededStore, DepartmentsRenameWithinTheirOrganization) {
  auto beta = ok(store->create_organization({.name = "Beta", .created_at = 1}));
  ok(store->create_department({.organization_id = beta.id, .name = "Field", .created_at = 1}));
  // The same name in another organization is no conflict.
  auto renamed = ok(store->rename_department(s.department.id, "Field"));
  EXPECT_EQ(renamed.organization_id, s.organization.id);
  EXPECT_EQ(ok(store->find_department(s.organization.id, "Field")).id, s.department.id);
}

TEST_P(SeededStore, AnOrganizationInUseIsKept) {
  auto error = store->delete_organization(s.organization.id);
  ASSERT_TRUE(fails_with(error, ErrorCategory::conflict));
  EXPECT_EQ(error.error().client_text, "the organization is still used by 1 department");
  EXPECT_EQ(ok(store->get_organization(s.organization.id)).name, "Acme");

  auto account = this->account("alice", {1});
  ok(store->create_account(account));
  EXPECT_EQ(store->delete_organization(s.organization.id).error().client_text,
            "the organization is still used by 1 department, 1 account");
}

TEST_P(SeededStore, DelegationsAndAdminsKeepTheirTenants) {
  auto beta = ok(store->create_organization({.name = "Beta", .created_at = 1}));
  auto ops =
      ok(store->create_department({.organization_id = beta.id, .name = "Ops", .created_at = 1}));
  ok(store->set_delegations(s.endpoint.id,
                            {{.organization_id = beta.id, .department_id = ops.id}}));
  EXPECT_EQ(store->delete_department(ops.id).error().client_text,
            "the department is still used by 1 endpoint delegation");
  ok(store->set_delegations(s.endpoint.id, {}));
  ok(store->create_admin({.username = "rao",
                          .password_hash = "$argon2id$placeholder",
                          .role = "rao",
                          .organization_id = beta.id,
                          .created_at = 1}));
  EXPECT_EQ(store->delete_organization(beta.id).error().client_text,
            "the organization is still used by 1 department, 1 administrator");
}

TEST_P(SeededStore, UnusedTenantsAreDeleted) {
  auto before = generation();
  ok(store->delete_department(s.department.id));
  EXPECT_TRUE(fails_with(store->get_department(s.department.id), ErrorCategory::not_found));
  ok(store->delete_organization(s.organization.id));
  EXPECT_TRUE(fails_with(store->get_organization(s.organization.id), ErrorCategory::not_found));
  EXPECT_EQ(generation(), before + 2);
  EXPECT_TRUE(fails_with(store->delete_organization(s.organization.id), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->delete_department(s.department.id), ErrorCategory::not_found));
  EXPECT_EQ(generation(), before + 2);
}

TEST_P(SeededStore, ProfilesUpdateEveryFieldButIdentity) {
  Profile changed = s.profile;
  changed.name = "tls-client-v2";
  changed.key_types = {"ec"};
  changed.min_ec_bits = 384;
  changed.terms_days = {30, 90};
  changed.key_usage = 0x80;
  changed.extended_key_usage = {"1.3.6.1.5.5.7.3.2"};
  changed.san_types = {"dns"};
  changed.subject_attributes = {"CN"};
  changed.requires_approval = true;
  changed.created_at = 999;  // ignored
  auto before = generation();
  auto updated = ok(store->update_profile(changed));
  EXPECT_EQ(updated.id, s.profile.id);
  EXPECT_EQ(updated.created_at, s.profile.created_at);
  auto read = ok(store->find_profile("tls-client-v2"));
  EXPECT_EQ(read.key_types, changed.key_types);
  EXPECT_EQ(read.min_ec_bits, 384);
  EXPECT_EQ(read.terms_days, changed.terms_days);
  EXPECT_EQ(read.key_usage, 0x80u);
  EXPECT_EQ(read.extended_key_usage, changed.extended_key_usage);
  EXPECT_EQ(read.san_types, changed.san_types);
  EXPECT_EQ(read.subject_attributes, changed.subject_attributes);
  EXPECT_TRUE(read.requires_approval);
  EXPECT_EQ(generation(), before + 1);
}

TEST_P(SeededStore, ProfileUpdatesAndDeletesAreRefusedWhenTheyMust) {
  Profile other = s.profile;
  other.name = "other";
  other = ok(store->create_profile(other));
  other.name = s.profile.name;
  EXPECT_TRUE(fails_with(store->update_profile(other), ErrorCategory::conflict, "name"));
  Profile missing = s.profile;
  missing.id = 999;
  EXPECT_TRUE(fails_with(store->update_profile(missing), ErrorCategory::not_found));

  ok(store->create_account(account("alice", {1})));
  EXPECT_EQ(store->delete_profile(s.profile.id).error().client_text,
            "the profile is still used by 1 account");
  ok(store->delete_profile(other.id));
  EXPECT_TRUE(fails_with(store->get_profile(other.id), ErrorCategory::not_found));
  EXPECT_TRUE(fails_with(store->delete_profile(other.id), ErrorCategory::not_found));
}

// Certificates keep the ids of the account and endpoint they were issued under after those are
// deleted; a new account or endpoint must never take them over.
TEST_P(SeededStore, DeletedAccountAndEndpointIdsAreNeverGivenAgain) {
  auto alice = ok(store->create_account(account("alice", {1})));
  auto issued = testing::certificate(s, "0A", "CN=alice");
  issued.account_id = alice.id;
  auto tx = testing::transaction(s, "tx-alice");
  tx.account_id = alice.id;
  ok(store->record_issuance(tx, issued));
  ok(store->delete_account(alice.id));
  auto bob = ok(store->create_account(account("bob", {2})));
  EXPECT_GT(bob.id, alice.id);

  Endpoint spare = s.endpoint;
  spare.name = "Spare";
  spare.uri_extension = "spare";
  spare = ok(store->create_endpoint(spare));
  ok(store->delete_endpoint(spare.id));
  spare.uri_extension = "spare-again";
  EXPECT_GT(ok(store->create_endpoint(spare)).id, spare.id);
  // The rebuilt tables still carry their references: deleting an account clears it from its
  // transactions, and a row naming a missing endpoint is refused.
  auto kept = ok(store->find_transaction(s.endpoint.id, "tx-alice"));
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->account_id, std::nullopt);
  Account orphan = account("orphan", {3});
  orphan.endpoint_id = 999;
  EXPECT_FALSE(store->create_account(orphan));
}

}  // namespace
}  // namespace scepter::store
