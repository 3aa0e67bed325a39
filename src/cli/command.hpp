#pragma once
// What every leaf command shares: --data and --json, opening the workspace, turning errors into
// one "error:" line and exit code 1, and printing results as JSON or for people.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "admin/audit.hpp"
#include "admin/workspace.hpp"
#include "cli/cli.hpp"
#include "cli/remote.hpp"
#include "core/bytes.hpp"
#include "core/error.hpp"

namespace scepter::cli {

inline constexpr std::string_view kDefaultDataDir = "./scepter-data";

struct CommonOptions {
  std::string data_dir{kDefaultDataDir};
  std::string database{};  // empty: DATA/scepter.db (admin::DatabaseSettings)
  bool json = false;
  std::string server{};  // remote mode when set
  std::string token{};
  std::string ca_bundle{};
  std::string profile_file{};  // default: default_profile_path()
};

// Prints one "error: TEXT (field: F)" line and ends the command with exit code 1.
[[noreturn]] void report_failure(Console& console, const Error& error);

class Context {
 public:
  Context(Console& console, const CommonOptions& options, admin::Workspace& workspace)
      : console_(console), options_(options), workspace_(&workspace) {}
  Context(Console& console, const CommonOptions& options, ApiClient& remote)
      : console_(console), options_(options), remote_(&remote) {}

  // The local workspace; in remote mode, ends the command: the verb has no remote form.
  admin::Workspace& workspace();
  // The API client in remote mode (--server), else null.
  ApiClient* remote() { return remote_; }
  // "cli:$USER" from "local", with all rights (local mode only).
  admin::Actor actor() const;
  bool json_output() const { return options_.json; }

  // A file's content; "-" reads standard input. Ends the command when it cannot be read.
  std::string read_text(const std::string& path);
  // read_text() without the line ending a file or a typed line ends with.
  std::string read_secret(const std::string& path);

  // The value, or: print the error and end the command with exit code 1.
  template <class T>
  T unwrap(Result<T> result) {
    if (!result) fail_with(result.error());
    return std::move(*result);
  }
  void check(const Status& status) {
    if (!status) fail_with(status.error());
  }
  [[noreturn]] void fail_with(const Error& error);

  // One object: pretty JSON, or "key: value" lines.
  void print_object(const nlohmann::json& object);
  // A list: a JSON array, or a table of the given columns.
  void print_table(const nlohmann::json& rows, const std::vector<std::string>& columns);
  // A short confirmation: {"key": value} as JSON, or the sentence.
  void print_done(const nlohmann::json& object, const std::string& sentence);
  // Certificates and CRLs: to the file when given (printing where), else to stdout as they are;
  // with --json, as {"pem": ...} or {"der_base64": ...}.
  void print_document(const Bytes& content, bool der, const std::optional<std::string>& out_file);

 private:
  Console& console_;
  const CommonOptions& options_;
  admin::Workspace* workspace_ = nullptr;
  ApiClient* remote_ = nullptr;
};

// A REST body built from optional members: those that are null are left out, so that the
// server applies its defaults (create) or keeps the current value (change).
nlohmann::json without_nulls(nlohmann::json object);
template <class T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

using Action = std::function<void(Context&)>;

// A leaf subcommand with --data and --json whose callback opens the workspace and runs action.
CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description,
                      Console& console, Action action);

// A verb group ("org", "endpoint", ...) that needs one of its subcommands.
CLI::App* add_group(CLI::App& app, const std::string& name, const std::string& description);

// An option that may be left out: get() is empty unless it was given.
template <class T>
struct Optional {
  T value{};
  CLI::Option* option = nullptr;
  std::optional<T> get() const {
    return option != nullptr && option->count() > 0 ? std::optional<T>(value) : std::nullopt;
  }
};

template <class T>
CLI::Option* add_optional(CLI::App& command, const std::string& name, Optional<T>& target,
                          const std::string& description) {
  target.option = command.add_option(name, target.value, description);
  return target.option;
}

}  // namespace scepter::cli
