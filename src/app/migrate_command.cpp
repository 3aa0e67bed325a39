#include "app/migrate_command.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/config.hpp"
#include "store/open_store.hpp"

namespace scepter::app {
namespace {

struct MigrateArguments {
  ServeFlags flags;
  bool json = false;
};

// The database `serve` would open with the same options.
std::expected<std::string, std::string> database_of(const ServeFlags& flags) {
  auto config = resolve_serve_config(flags);
  if (!config) return std::unexpected(config.error());
  if (!config->database.empty()) return config->database;
  return (std::filesystem::path(config->data_dir) / "scepter.db").string();
}

void print_change(cli::Console& console, const std::string& database,
                  const store::SchemaChange& change, bool json) {
  const std::string where = store::describe_location(database);
  if (json) {
    console.out
        << nlohmann::json{{"database", where}, {"from", change.from}, {"to", change.to}}.dump(2)
        << "\n";
  } else if (change.from == change.to) {
    console.out << "schema of " << where << " is current at version " << change.to << "\n";
  } else {
    console.out << "migrated " << where << " from schema version " << change.from << " to "
                << change.to << "\n";
  }
}

}  // namespace

void register_migrate_command(CLI::App& app, cli::Console& console) {
  auto args = std::make_shared<MigrateArguments>();
  auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations");
  migrate->add_option("--config", args->flags.config_file, "TOML configuration file of serve");
  migrate->add_option("--data", args->flags.data_dir, "Data directory [./scepter-data]");
  migrate
      ->add_option("--database", args->flags.database,
                   "SQLite path or postgresql:// URI [DATA/scepter.db]")
      ->envname("SCEPTER_DATABASE");
  migrate->add_flag("--json", args->json, "Print the versions as JSON");
  migrate->callback([args, &console] {
    auto database = database_of(args->flags);
    if (!database) {
      console.err << "error: " << database.error() << "\n";
      throw CLI::RuntimeError(1);
    }
    auto change = store::migrate_store(*database);
    if (!change) {
      console.err << "error: " << change.error().client_text << "\n";
      if (!change.error().log_text.empty()) console.err << "  " << change.error().log_text << "\n";
      throw CLI::RuntimeError(1);
    }
    print_change(console, *database, *change, args->json);
  });
}

}  // namespace scepter::app
