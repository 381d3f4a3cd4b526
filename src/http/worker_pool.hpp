#pragma once
// The threads that run handlers which may block (on the database), off the network
// threads, so that a slow query stalls no other connection.
//
// Unlike asio::thread_pool, which wakes a sleeping thread for every job, a job wakes a
// worker only when none is awake; while one is, it takes the jobs in turn. Handing a
// request to a thread that sleeps costs a futex wake and two context switches, and with
// several workers and jobs of a few microseconds, asio's pool paid that for nearly every
// request. A worker that is awake may be blocked, though (a slow query), so a watcher
// thread wakes another worker whenever the oldest waiting job has waited `patience`:
// jobs never wait long behind a blocked handler, and under a load one worker cannot
// keep up with, more workers join in.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace hearth {

class WorkerPool {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::microseconds default_patience{250};

  explicit WorkerPool(std::size_t threads, std::chrono::microseconds patience = default_patience);
  ~WorkerPool();  // join()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs job() on a worker. The job must not throw. Jobs posted after join() never run.
  template <class Job>
  void post(Job&& job) {
    push(std::make_unique<Task<std::decay_t<Job>>>(std::forward<Job>(job)));
  }

  // Runs the jobs already posted, then stops the threads. Idempotent.
  void join();

 private:
  struct Node {
    virtual ~Node() = default;
    virtual void run() noexcept = 0;
    Node* next = nullptr;
    Clock::time_point queued_at;
  };
  template <class Job>
  struct Task final : Node {
    explicit Task(Job j) : job(std::move(j)) {}
    void run() noexcept override { job(); }
    Job job;
  };

  void push(std::unique_ptr<Node> node);
  bool grant_wake();
  void work();
  void watch();

  const std::chrono::microseconds patience_;
  std::mutex mutex_;
  std::condition_variable workers_;  // where idle workers sleep
  std::condition_variable watcher_;  // where the watcher sleeps while the pool is idle
  // Everything below is guarded by mutex_.
  Node* head_ = nullptr;  // FIFO
  Node* tail_ = nullptr;
  std::size_t awake_ = 0;     // workers running a job or about to look for one
  std::size_t sleeping_ = 0;  // workers waiting on workers_ and not yet granted a wake
  std::size_t granted_ = 0;   // wakes granted and not yet taken by a worker
  bool watcher_idle_ = false;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
  std::thread watcher_thread_;
};

}  // namespace hearth
