#pragma once
// A private PostgreSQL server for tests: initdb into a fresh temporary directory, listening only
// on a Unix socket inside it, stopped and removed by the destructor. Throws when the server
// binaries are missing: a test that needs PostgreSQL fails then, it never skips silently.
//
// The binaries are looked up in $SCEPTER_PG_BIN, else the newest /usr/lib/postgresql/N/bin.
// initdb refuses to run as root, so as root the server runs as the `postgres` user.

#include <filesystem>
#include <string>

namespace scepter::testing {

class PostgresServer {
 public:
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // A libpq URI for database `name` on this server.
  std::string uri(const std::string& name = "postgres") const;
  // Creates an empty database and returns its URI.
  std::string create_database(const std::string& name) const;

  // pg_ctl stop -m fast and start again: every open connection is cut.
  void restart() const;
  void stop() const;
  void start() const;

 private:
  void run_as_owner(const std::string& command) const;
  std::string pg_ctl(const std::string& action) const;

  std::filesystem::path bin_;
  std::filesystem::path dir_;
  bool running_as_root_;
};

}  // namespace scepter::testing
