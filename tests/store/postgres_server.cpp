#include "postgres_server.hpp"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace scepter::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kPort = 5432;  // names the socket file in our own directory only

fs::path find_binaries() {
  if (const char* configured = std::getenv("SCEPTER_PG_BIN")) return configured;
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    if (fs::exists(entry.path() / "bin" / "initdb")) found.push_back(entry.path() / "bin");
  }
  if (found.empty()) {
    throw std::runtime_error(
        "PostgreSQL server binaries not found (install the postgresql package or set "
        "SCEPTER_PG_BIN)");
  }
  std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
    return std::stoi(a.parent_path().filename()) < std::stoi(b.parent_path().filename());
  });
  return found.back();
}

}  // namespace

PostgresServer::PostgresServer() : bin_(find_binaries()), running_as_root_(geteuid() == 0) {
  std::string pattern = (fs::temp_directory_path() / "scepter-pg-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  if (running_as_root_) {
    const passwd* owner = getpwnam("postgres");
    if (!owner) throw std::runtime_error("running as root, but there is no postgres user");
    if (chown(dir_.c_str(), owner->pw_uid, owner->pw_gid) != 0) {
      throw std::runtime_error("cannot hand " + dir_.string() + " to the postgres user");
    }
  }
  run_as_owner((bin_ / "initdb").string() + " -D " + (dir_ / "data").string() +
               " -A trust -U postgres --no-locale -E UTF8 --no-sync > " +
               (dir_ / "initdb.log").string() + " 2>&1");
  start();
}

PostgresServer::~PostgresServer() {
  std::string command = pg_ctl("stop -m immediate");
  if (running_as_root_) command = "runuser -u postgres -- " + command;
  static_cast<void>(std::system(command.c_str()));
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

std::string PostgresServer::uri(const std::string& name) const {
  return "postgresql:///" + name + "?host=" + dir_.string() + "&port=" + std::to_string(kPort) +
         "&user=postgres";
}

std::string PostgresServer::create_database(const std::string& name) const {
  run_as_owner((bin_ / "createdb").string() + " -h " + dir_.string() + " -p " +
               std::to_string(kPort) + " -U postgres " + name);
  return uri(name);
}

void PostgresServer::start() const {
  run_as_owner(pg_ctl("start"));
}

void PostgresServer::stop() const {
  run_as_owner(pg_ctl("stop -m fast"));
}

void PostgresServer::restart() const {
  run_as_owner(pg_ctl("restart -m fast"));
}

std::string PostgresServer::pg_ctl(const std::string& action) const {
  // fsync off: a test server's data need not survive a machine crash.
  return (bin_ / "pg_ctl").string() + " -D " + (dir_ / "data").string() + " -l " +
         (dir_ / "server.log").string() + " -w -s -o \"-k " + dir_.string() +
         " -c listen_addresses= -p " + std::to_string(kPort) + " -c fsync=off\" " + action;
}

void PostgresServer::run_as_owner(const std::string& command) const {
  const std::string full = running_as_root_ ? "runuser -u postgres -- " + command : command;
  if (std::system(full.c_str()) != 0) {
    throw std::runtime_error("failed: " + full + " (see " + dir_.string() + ")");
  }
}

}  // namespace scepter::testing
