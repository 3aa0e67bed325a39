#include "admin/lookup.hpp"

#include <charconv>

namespace scepter::admin {
namespace {

std::string quoted(const std::string& name) {
  return "'" + name + "'";
}

}  // namespace

Result<store::Organization> organization_named(store::Store& store, const std::string& name) {
  return named_lookup(store.find_organization(name), "organization",
                      "organization " + quoted(name) + " does not exist");
}

Result<store::Department> department_named(store::Store& store, const store::Organization& org,
                                           const std::string& name) {
  return named_lookup(
      store.find_department(org.id, name), "department",
      "department " + quoted(name) + " does not exist in organization " + quoted(org.name));
}

Result<store::Profile> profile_named(store::Store& store, const std::string& name) {
  return named_lookup(store.find_profile(name), "profile",
                      "profile " + quoted(name) + " does not exist");
}

Result<store::RaCertificate> ra_named(store::Store& store, const std::string& name) {
  return named_lookup(store.find_ra_certificate(name), "ra",
                      "RA certificate " + quoted(name) + " does not exist");
}

Result<store::Endpoint> endpoint_at(store::Store& store, const std::string& uri_extension) {
  return named_lookup(store.find_endpoint(uri_extension), "endpoint",
                      "endpoint " + quoted(uri_extension) + " does not exist");
}

Result<store::AzureAccount> azure_account_named(store::Store& store,
                                                const std::string& name_or_id) {
  const std::string text = "Azure account " + quoted(name_or_id) + " does not exist";
  auto by_name = named_lookup(store.find_azure_account(name_or_id), "azure_account", text);
  store::Id id = 0;
  const auto* end = name_or_id.data() + name_or_id.size();
  const auto parsed = std::from_chars(name_or_id.data(), end, id);
  const bool numeric = !name_or_id.empty() && parsed.ec == std::errc{} && parsed.ptr == end;
  if (by_name || by_name.error().category != ErrorCategory::not_found || !numeric) return by_name;
  return named_lookup(store.get_azure_account(id), "azure_account", text);
}

Result<store::Account> account_named(store::Store& store, const store::Endpoint& endpoint,
                                     const std::string& name) {
  return named_lookup(
      store.find_account(endpoint.id, name), "account",
      "account " + quoted(name) + " does not exist on endpoint " + quoted(endpoint.uri_extension));
}

}  // namespace scepter::admin
