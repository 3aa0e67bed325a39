#pragma once
// Finding rows by the names operators use. A missing row is a not_found error that names the
// input field, so that "endpoint 'x' does not exist" points at --endpoint / "endpoint".

#include <string>

#include "core/error.hpp"
#include "store/store.hpp"

namespace scepter::admin {

Result<store::Organization> organization_named(store::Store& store, const std::string& name);
Result<store::Department> department_named(store::Store& store, const store::Organization& org,
                                           const std::string& name);
Result<store::Profile> profile_named(store::Store& store, const std::string& name);
Result<store::RaCertificate> ra_named(store::Store& store, const std::string& name);
Result<store::Endpoint> endpoint_at(store::Store& store, const std::string& uri_extension);
// By name, or else by numeric id (the REST API's {id}); field "azure_account".
Result<store::AzureAccount> azure_account_named(store::Store& store, const std::string& name_or_id);
Result<store::Account> account_named(store::Store& store, const store::Endpoint& endpoint,
                                     const std::string& name);

// Turns a store not_found into one that names `field`; passes any other outcome through.
template <class T>
Result<T> named_lookup(Result<T> found, std::string field, std::string client_text) {
  if (!found && found.error().category == ErrorCategory::not_found) {
    Error error = make_error(ErrorCategory::not_found, std::move(client_text));
    error.field = std::move(field);
    return std::unexpected(std::move(error));
  }
  return found;
}

// Whether a find_* call found its row: not_found is `false`, other errors pass through.
template <class T>
Result<bool> exists(const Result<T>& found) {
  if (found) return true;
  if (found.error().category == ErrorCategory::not_found) return false;
  return std::unexpected(found.error());
}

}  // namespace scepter::admin
