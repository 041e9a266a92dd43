// A unit of pool work: `blocks` independent blocks plus a completion callback.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>

namespace corepool {

/// Blocks are claimed by index, so the block boundaries a kernel uses are a
/// function of the input alone; which thread runs a block never matters.
class Job {
 public:
  /// Runs block `index`. Called on any pool thread, or on the thread inside
  /// ThreadPool::Run. Must not touch N-API.
  using BlockFn = std::function<void(std::size_t index)>;
  /// Called exactly once, on the thread that finished the last block.
  using DoneFn = std::function<void(Job& job)>;

  Job(std::size_t blocks, BlockFn run, DoneFn done = nullptr);

  /// Skips every block not yet started; the done callback still fires.
  void Cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  [[nodiscard]] bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }
  /// True when a block threw; error() then holds the first message.
  [[nodiscard]] bool failed() const { return failed_.load(std::memory_order_acquire); }
  /// The first failure's message. Read only after the job has finished.
  [[nodiscard]] const std::string& error() const { return error_; }
  [[nodiscard]] std::size_t blocks() const { return blocks_; }

  /// Claims and runs one block. Returns false when none was left to claim.
  bool RunOne();
  /// Blocks the caller until the done callback has returned.
  void Wait();
  [[nodiscard]] bool Exhausted() const { return next_.load(std::memory_order_relaxed) >= blocks_; }

 private:
  friend class ThreadPool;
  void Fail(const char* message);
  void Finish();

  const std::size_t blocks_;
  BlockFn run_;
  DoneFn done_;
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> finished_blocks_{0};
  std::atomic<bool> cancelled_{false};
  std::atomic<bool> failed_{false};
  std::once_flag error_once_;
  std::string error_;
  std::mutex wait_mutex_;
  std::condition_variable wait_cv_;
  bool settled_ = false;
};

}  // namespace corepool
