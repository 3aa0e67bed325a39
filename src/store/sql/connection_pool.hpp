#pragma once
// A bounded pool of connections, reused so that prepared statements stay warm.
//
// After a database server restarts, every idle connection is dead, though none knows it until
// used. The first call that meets a dead link fails (unavailable) and the pool then discards all
// the connections opened before: the next call opens a fresh one instead of meeting the next
// corpse. (SQLite connections never break.)

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace scepter::store::sql {

// C: a connection type with `bool broken() const`.
template <class C>
class ConnectionPool {
 public:
  using Open = std::function<Result<std::unique_ptr<C>>()>;

  // Returns its connection to the pool when it goes out of scope (or drops it if broken).
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<C> connection, unsigned long generation)
        : pool_(&pool), connection_(std::move(connection)), generation_(generation) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (connection_) pool_->release(std::move(connection_), generation_);
    }
    C& operator*() const { return *connection_; }
    C* operator->() const { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<C> connection_;
    unsigned long generation_;
  };

  // At most `capacity` connections are open; further callers wait for one to come back.
  ConnectionPool(Open open, std::size_t capacity)
      : open_connection_(std::move(open)), capacity_(capacity == 0 ? 1 : capacity) {}

  Result<Lease> acquire() {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [&] { return !idle_.empty() || open_ < capacity_; });
    if (!idle_.empty()) {
      Idle idle = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(idle.connection), idle.generation);
    }
    ++open_;
    const unsigned long generation = generation_;
    lock.unlock();
    // Opening runs outside the lock: it may wait on the network or on another process's lock.
    auto opened = open_connection_();
    if (!opened) {
      lock.lock();
      --open_;
      returned_.notify_one();
      return fail(std::move(opened).error());
    }
    return Lease(*this, std::move(*opened), generation);
  }

 private:
  struct Idle {
    std::unique_ptr<C> connection;
    unsigned long generation;
  };

  void release(std::unique_ptr<C> connection, unsigned long generation) {
    std::vector<Idle> discarded;
    {
      std::lock_guard lock(mutex_);
      if (connection->broken()) {
        if (generation == generation_) ++generation_;
        discarded = std::move(idle_);
        idle_.clear();
        open_ -= discarded.size() + 1;
      } else if (generation != generation_) {
        --open_;
      } else {
        idle_.push_back({std::move(connection), generation});
      }
    }
    // Closing happens outside the lock.
    discarded.clear();
    connection.reset();
    returned_.notify_all();
  }

  const Open open_connection_;
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<Idle> idle_;
  std::size_t open_ = 0;
  unsigned long generation_ = 0;  // bumped whenever a connection is found broken
};

}  // namespace scepter::store::sql
