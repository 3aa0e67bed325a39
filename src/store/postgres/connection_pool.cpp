#include "store/postgres/connection_pool.hpp"

namespace scepter::store::postgres {

ConnectionPool::Lease::~Lease() {
  if (connection_) pool_->release(std::move(connection_), generation_);
}

ConnectionPool::ConnectionPool(std::string uri, int connect_timeout_s, std::size_t capacity)
    : uri_(std::move(uri)),
      connect_timeout_s_(connect_timeout_s),
      capacity_(capacity == 0 ? 1 : capacity) {}

Result<ConnectionPool::Lease> ConnectionPool::acquire() {
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
  // Connecting runs outside the lock: it waits on the network.
  auto opened = Connection::open(uri_, connect_timeout_s_);
  if (!opened) {
    lock.lock();
    --open_;
    returned_.notify_one();
    return fail(std::move(opened).error());
  }
  return Lease(*this, std::move(*opened), generation);
}

void ConnectionPool::release(std::unique_ptr<Connection> connection, unsigned long generation) {
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

}  // namespace scepter::store::postgres
