#pragma once
// A bounded pool of server connections, reused so that prepared statements stay warm.
//
// After the server restarts, every idle connection is dead, though none knows it until used.
// The first call that meets a dead link fails (unavailable) and the pool then discards all the
// connections opened before: the next call opens a fresh one instead of meeting the next corpse.

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/connection.hpp"

namespace scepter::store::postgres {

class ConnectionPool {
 public:
  // Returns its connection to the pool when it goes out of scope (or drops it if broken).
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection, unsigned long generation)
        : pool_(&pool), connection_(std::move(connection)), generation_(generation) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
    unsigned long generation_;
  };

  // At most `capacity` connections are open; further callers wait for one to come back.
  ConnectionPool(std::string uri, int connect_timeout_s, std::size_t capacity);

  Result<Lease> acquire();

 private:
  struct Idle {
    std::unique_ptr<Connection> connection;
    unsigned long generation;
  };
  void release(std::unique_ptr<Connection> connection, unsigned long generation);

  const std::string uri_;
  const int connect_timeout_s_;
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<Idle> idle_;
  std::size_t open_ = 0;
  unsigned long generation_ = 0;  // bumped whenever a connection is found broken
};

}  // namespace scepter::store::postgres
