// Delegation rows, shared by endpoints and Azure accounts.
#include <string>

#include "store/sql/sql_store_impl.hpp"
#include "store/sql/statements.hpp"

namespace scepter::store::sql {

Status replace_delegations(Connection& connection, DelegationTable table, Id owner,
                           const std::vector<Delegation>& delegations) {
  const std::string table_name = table.table;
  const std::string owner_column = table.owner_column;
  SCEPTER_CHECK(
      run(connection, "DELETE FROM " + table_name + " WHERE " + owner_column + " = ?", owner));
  const auto insert_sql = "INSERT INTO " + table_name + " (" + owner_column +
                          ", organization_id, department_id) VALUES (?, ?, ?)";
  for (const auto& delegation : delegations) {
    SCEPTER_CHECK(
        run(connection, insert_sql, owner, delegation.organization_id, delegation.department_id));
  }
  return {};
}

Result<std::vector<Delegation>> select_delegations(Connection& connection, DelegationTable table,
                                                   Id owner) {
  return select_all(
      connection,
      [](const Query& q) -> Result<Delegation> {
        return Delegation{.organization_id = q.integer(0), .department_id = q.optional_integer(1)};
      },
      "SELECT organization_id, department_id FROM " + std::string(table.table) + " WHERE " +
          table.owner_column + " = ? ORDER BY id",
      owner);
}

}  // namespace scepter::store::sql
