#include "http/worker_pool.hpp"

#include <algorithm>

namespace hearth {
namespace {

// The watcher stops ticking once no job has been waiting for this many ticks.
constexpr int idle_ticks_before_sleeping = 40;

}  // namespace

WorkerPool::WorkerPool(std::size_t threads, std::chrono::microseconds patience) : patience_(patience) {
  threads = std::max<std::size_t>(threads, 1);
  awake_ = threads;  // each worker counts itself out when it first sleeps
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
  watcher_thread_ = std::thread([this] { watch(); });
}

WorkerPool::~WorkerPool() {
  join();
}

void WorkerPool::join() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  workers_.notify_all();
  watcher_.notify_all();
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  if (watcher_thread_.joinable()) watcher_thread_.join();
  // Jobs posted after the workers left are dropped, as asio::thread_pool drops them.
  std::lock_guard lock(mutex_);
  while (head_ != nullptr) delete std::exchange(head_, head_->next);
  tail_ = nullptr;
}

void WorkerPool::push(std::unique_ptr<Node> node) {
  node->queued_at = Clock::now();
  bool wake_worker = false;
  bool wake_watcher = false;
  {
    std::lock_guard lock(mutex_);
    Node* raw = node.release();
    if (tail_ != nullptr) {
      tail_->next = raw;
    } else {
      head_ = raw;
    }
    tail_ = raw;
    if (awake_ == 0) {
      wake_worker = grant_wake();
    } else if (watcher_idle_) {
      // An awake worker will take the job unless it is blocked: the watcher checks.
      watcher_idle_ = false;
      wake_watcher = true;
    }
  }
  if (wake_worker) workers_.notify_one();
  if (wake_watcher) watcher_.notify_one();
}

void WorkerPool::work() {
  std::unique_lock lock(mutex_);
  while (true) {
    if (head_ != nullptr) {
      Node* node = std::exchange(head_, head_->next);
      if (head_ == nullptr) tail_ = nullptr;
      lock.unlock();
      node->run();
      delete node;
      lock.lock();
      continue;
    }
    if (stopping_) return;
    // Asleep until granted a wake (see grant_wake), which already counted it awake.
    --awake_;
    ++sleeping_;
    workers_.wait(lock, [this] { return granted_ > 0 || stopping_; });
    if (granted_ > 0) {
      --granted_;
    } else {  // stopping
      --sleeping_;
      ++awake_;
    }
  }
}

// Moves one sleeping worker to awake before it even runs, so that the next job does not
// wake a second one too. The caller holds the lock and notifies workers_ if true.
bool WorkerPool::grant_wake() {
  if (sleeping_ == 0) return false;
  --sleeping_;
  ++awake_;
  ++granted_;
  return true;
}

void WorkerPool::watch() {
  std::unique_lock lock(mutex_);
  int idle_ticks = 0;
  while (!stopping_) {
    if (watcher_idle_) {
      watcher_.wait(lock);
      idle_ticks = 0;
      continue;
    }
    watcher_.wait_for(lock, patience_);
    if (stopping_) return;
    if (head_ == nullptr) {
      // Even with a worker still busy: a job posted meanwhile wakes the watcher again.
      if (++idle_ticks >= idle_ticks_before_sleeping) watcher_idle_ = true;
      continue;
    }
    idle_ticks = 0;
    // The oldest job has waited its patience: the awake workers are blocked or too few.
    if (Clock::now() - head_->queued_at >= patience_ && grant_wake()) workers_.notify_one();
  }
}

}  // namespace hearth
