// One process-wide pool of compute threads, shared by every Node environment
// (main thread and worker_threads) that loads the addon, so the cores are
// never oversubscribed. Nothing here knows about N-API.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "job.h"

namespace corepool {

/// A fixed set of threads that drain a FIFO of Jobs block by block.
///
/// Several threads work on the front job at once; each claims the next block
/// with one atomic increment, so load balances itself without knowing the
/// cost of a block.
class ThreadPool {
 public:
  /// Starts `threads` compute threads (at least one).
  explicit ThreadPool(std::size_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /// Sets the size of the shared pool. Only the first call before the pool is
  /// created has an effect; returns the size the shared pool has or will have.
  static std::size_t Configure(std::size_t threads);
  /// The process-wide pool, created on first use. Never destroyed: pool
  /// threads must outlive every environment, including at process exit.
  [[nodiscard]] static ThreadPool& Shared();

  /// Number of compute threads.
  [[nodiscard]] std::size_t size() const { return threads_.size(); }

  /// Queues `job`; pool threads run its blocks and the thread that finishes
  /// the last block calls its done callback.
  void Submit(std::shared_ptr<Job> job);

  /// Queues `job`, helps run it on the calling thread, and returns once every
  /// block has finished (so the caller's stack may own the job's inputs).
  void Run(const std::shared_ptr<Job>& job);

 private:
  void WorkerLoop();
  void Retire(const std::shared_ptr<Job>& job);

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Job>> queue_;
  bool stop_ = false;
};

}  // namespace corepool
