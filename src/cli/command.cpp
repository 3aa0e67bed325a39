#include "cli/command.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string_view>

#include "admin/json.hpp"
#include "cli/server_profile.hpp"
#include "core/codec.hpp"

namespace scepter::cli {
namespace {

using nlohmann::json;

std::string pretty(const json& value) {
  return admin::json_text(value, 2);
}

std::string scalar_text(const json& value) {
  if (value.is_null()) return "-";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string text;
    for (const auto& item : value) {
      if (!text.empty()) text += ", ";
      text += scalar_text(item);
    }
    return text;
  }
  return value.dump();
}

void print_fields(std::ostream& out, const json& object, const std::string& prefix) {
  for (const auto& [key, value] : object.items()) {
    const std::string name = prefix + key;
    if (value.is_null()) continue;
    if (value.is_object()) {
      print_fields(out, value, name + ".");
    } else if (value.is_string() && value.get<std::string>().find('\n') != std::string::npos) {
      out << name << ":\n" << value.get<std::string>();
    } else {
      out << name << ": " << scalar_text(value) << "\n";
    }
  }
}

}  // namespace

admin::Actor Context::actor() const {
  const char* user = std::getenv("USER");
  std::string name = "cli:" + std::string(user != nullptr && *user != '\0' ? user : "unknown");
  // Locally the CLI holds the data directory (master key and database): it acts as an MRAO.
  // Remote commands never get here; the server's token decides their rights.
  return {name, "local", admin::local_mrao(name)};
}

std::string Context::read_text(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(*console_.in),
                       std::istreambuf_iterator<char>());
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) fail_with(make_error(ErrorCategory::not_found, "cannot read " + path));
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

std::string Context::read_secret(const std::string& path) {
  std::string secret = read_text(path);
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  return secret;
}

void report_failure(Console& console, const Error& error) {
  console.err << "error: " << error.client_text;
  if (!error.field.empty()) console.err << " (field: " << error.field << ")";
  console.err << std::endl;
  throw CLI::RuntimeError(1);
}

admin::Workspace& Context::workspace() {
  if (workspace_ == nullptr) {
    fail_with(make_error(ErrorCategory::bad_request,
                         "this command has no remote mode yet; run it without --server"));
  }
  return *workspace_;
}

void Context::fail_with(const Error& error) {
  report_failure(console_, error);
}

void Context::print_object(const json& object) {
  if (options_.json) {
    console_.out << pretty(object) << "\n";
  } else {
    print_fields(console_.out, object, "");
  }
}

void Context::print_table(const json& rows, const std::vector<std::string>& columns) {
  if (options_.json) {
    console_.out << pretty(rows) << "\n";
    return;
  }
  if (rows.empty()) {
    console_.out << "(none)\n";
    return;
  }
  std::vector<std::vector<std::string>> cells;
  std::vector<std::size_t> widths;
  for (const auto& column : columns) widths.push_back(column.size());
  for (const auto& row : rows) {
    auto& line = cells.emplace_back();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      line.push_back(row.contains(columns[i]) ? scalar_text(row[columns[i]]) : "-");
      widths[i] = std::max(widths[i], line.back().size());
    }
  }
  auto print_line = [&](const std::vector<std::string>& line) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) {
      text += line[i];
      if (i + 1 < line.size()) text += std::string(widths[i] - line[i].size() + 2, ' ');
    }
    console_.out << text << "\n";
  };
  std::vector<std::string> header;
  for (const auto& column : columns) {
    std::string upper = column;
    std::ranges::transform(upper, upper.begin(), [](unsigned char c) { return std::toupper(c); });
    header.push_back(upper);
  }
  print_line(header);
  for (const auto& line : cells) print_line(line);
}

void Context::print_done(const json& object, const std::string& sentence) {
  if (options_.json) {
    console_.out << pretty(object) << "\n";
  } else {
    console_.out << sentence << "\n";
  }
}

void Context::print_document(const Bytes& content, bool der,
                             const std::optional<std::string>& out_file) {
  if (out_file) {
    std::ofstream file(*out_file, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(content.data()),
               static_cast<std::streamsize>(content.size()));
    file.close();
    if (!file) fail_with(make_error(ErrorCategory::internal, "cannot write " + *out_file));
    print_done({{"path", *out_file}}, "wrote " + *out_file);
    return;
  }
  if (options_.json) {
    console_.out << pretty(der ? json{{"der_base64", base64_encode(content)}}
                               : json{{"pem", std::string(as_chars(content))}})
                 << "\n";
    return;
  }
  console_.out.write(reinterpret_cast<const char*>(content.data()),
                     static_cast<std::streamsize>(content.size()));
}

json without_nulls(json object) {
  for (auto it = object.begin(); it != object.end();) {
    it = it->is_null() ? object.erase(it) : std::next(it);
  }
  return object;
}

namespace {

bool same_server(std::string_view a, std::string_view b) {
  while (a.ends_with('/')) a.remove_suffix(1);
  while (b.ends_with('/')) b.remove_suffix(1);
  return a == b;
}

// The remote settings after the configuration file: options given win (--token, else
// SCEPTER_TOKEN, which CLI11 reads into it), and local mode (--data or --database without
// --server) does not read the file. The file's token and CA bundle are used only with the server
// it names (or with any when it names none), so that `--server` pointed elsewhere does not carry
// the saved token there.
Result<CommonOptions> with_server_profile(CommonOptions options, bool local_given) {
  if (local_given && options.server.empty()) return options;
  const bool named = !options.profile_file.empty();
  const auto path =
      named ? std::optional<std::filesystem::path>(options.profile_file) : default_profile_path();
  if (!path) return options;
  SCEPTER_TRY(const auto profile, load_server_profile(*path, named));
  if (options.server.empty()) options.server = profile.server;
  if (!profile.server.empty() && !same_server(options.server, profile.server)) return options;
  if (options.token.empty()) options.token = profile.token;
  if (options.ca_bundle.empty()) options.ca_bundle = profile.ca_bundle;
  return options;
}

}  // namespace

CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description,
                      Console& console, Action action) {
  auto given = std::make_shared<CommonOptions>();
  CLI::App* command = parent.add_subcommand(name, description);
  CLI::Option* data = command->add_option("--data", given->data_dir, "data directory (local mode)")
                          ->capture_default_str();
  CLI::Option* database =
      command->add_option("--database", given->database, "SQLite path or postgresql:// URI")
          ->envname("SCEPTER_DATABASE");
  command->add_flag("--json", given->json, "print one JSON document");
  command->add_option("--server", given->server,
                      "call this scepter server's API instead: https://HOST[:PORT] (http:// only "
                      "to 127.0.0.1, [::1] or localhost)");
  command
      ->add_option("--token", given->token,
                   "API or session token for --server; other local users can see a command "
                   "line (ps), so prefer SCEPTER_TOKEN or cli.toml")
      ->envname("SCEPTER_TOKEN");
  command->add_option("--ca-bundle", given->ca_bundle, "PEM file of CAs to trust for --server");
  command->add_option("--profile-file", given->profile_file,
                      "CLI configuration with server, token and ca_bundle "
                      "(default: ~/.config/scepter/cli.toml)");
  command->callback([given, data, database, &console, action = std::move(action)] {
    auto resolved = with_server_profile(*given, data->count() > 0 || database->count() > 0);
    if (!resolved) report_failure(console, resolved.error());
    const CommonOptions& options = *resolved;
    if (!options.server.empty()) {
      auto client =
          ApiClient::connect(options.server, options.token, console.transport, options.ca_bundle);
      if (!client) report_failure(console, client.error());
      Context context(console, options, *client);
      action(context);
      return;
    }
    auto workspace =
        admin::Workspace::open(options.data_dir, false, {.location = options.database});
    if (!workspace) report_failure(console, workspace.error());
    Context context(console, options, **workspace);
    action(context);
  });
  return command;
}

CLI::App* add_group(CLI::App& app, const std::string& name, const std::string& description) {
  CLI::App* group = app.add_subcommand(name, description);
  group->require_subcommand(1);
  return group;
}

}  // namespace scepter::cli
