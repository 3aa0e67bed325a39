#include "store/sqlite/connection_pool.hpp"

namespace scepter::store::sqlite {

ConnectionPool::Lease::~Lease() {
  if (connection_) pool_->release(std::move(connection_));
}

ConnectionPool::ConnectionPool(std::string path, ConnectionOptions options, std::size_t capacity)
    : path_(std::move(path)), options_(options), capacity_(capacity == 0 ? 1 : capacity) {}

Result<ConnectionPool::Lease> ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !idle_.empty() || open_ < capacity_; });
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(connection));
  }
  ++open_;
  lock.unlock();
  // Opening runs outside the lock: it touches the file and may wait on another process.
  auto opened = Connection::open(path_, options_);
  if (!opened) {
    lock.lock();
    --open_;
    returned_.notify_one();
    return fail(std::move(opened).error());
  }
  return Lease(*this, std::move(*opened));
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  returned_.notify_one();
}

}  // namespace scepter::store::sqlite
