#pragma once
// Fixtures of the contract suite: each test runs once per backend, on a fresh database.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "backends.hpp"
#include "store/test_support.hpp"

namespace scepter::store::testing {

class EmptyStore : public ::testing::TestWithParam<Backend> {
 protected:
  EmptyStore() : db(GetParam()), store(db.open()) {}

  Admin add_admin(std::string name) {
    return ok(store->create_admin({.username = std::move(name),
                                   .password_hash = "$argon2id$placeholder",
                                   .role = "mrao",
                                   .created_at = 10}));
  }

  FreshDatabase db;
  std::unique_ptr<Store> store;
};

class SeededStore : public EmptyStore {
 protected:
  SeededStore() : s(seed(*store)) {}

  Account account(std::string name, Bytes digest) {
    Account a;
    a.endpoint_id = s.endpoint.id;
    a.name = std::move(name);
    a.organization_id = s.organization.id;
    a.department_id = s.department.id;
    a.profile_id = s.profile.id;
    a.term_days = 365;
    a.access_code_digest = std::move(digest);
    a.created_at = 200;
    a.code_rotated_at = 200;
    return a;
  }

  AzureAccount azure_account(std::string name) {
    return {.name = std::move(name),
            .environment = "public",
            .tenant_id = "11111111-2222-3333-4444-555555555555",
            .client_id = "66666666-7777-8888-9999-000000000000",
            .client_secret_encrypted = Bytes{1, 2, 3, 0, 255},
            .authority_url = "https://login.microsoftonline.com",
            .graph_url = "https://graph.microsoft.com",
            .intune_url = "https://api.manage.microsoft.com",
            .created_at = 40};
  }

  long long generation() { return ok(store->config_generation()); }

  Seed s;
};

inline std::string backend_test_name(const ::testing::TestParamInfo<Backend>& info) {
  return backend_name(info.param);
}

}  // namespace scepter::store::testing

// Each suite runs on both backends; ctest runs each backend's instances in one process
// (store.contract.sqlite, store.contract.postgres), so that PostgreSQL starts once.
#define SCEPTER_STORE_CONTRACT(fixture)                                                     \
  INSTANTIATE_TEST_SUITE_P(Sqlite, fixture,                                                 \
                           ::testing::Values(::scepter::store::testing::Backend::sqlite),   \
                           ::scepter::store::testing::backend_test_name);                   \
  INSTANTIATE_TEST_SUITE_P(Postgres, fixture,                                               \
                           ::testing::Values(::scepter::store::testing::Backend::postgres), \
                           ::scepter::store::testing::backend_test_name)
