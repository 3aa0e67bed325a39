#pragma once
// Hands each thread its own Connection (SQLite connections must not be shared by threads at
// once), reusing idle ones so that prepared statements stay warm.

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/connection.hpp"

namespace scepter::store::sqlite {

class ConnectionPool {
 public:
  // Returns its connection to the pool when it goes out of scope.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // At most `capacity` connections are open; further callers wait for one to come back.
  ConnectionPool(std::string path, ConnectionOptions options, std::size_t capacity);

  Result<Lease> acquire();

 private:
  void release(std::unique_ptr<Connection> connection);

  const std::string path_;
  const ConnectionOptions options_;
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
};

}  // namespace scepter::store::sqlite
