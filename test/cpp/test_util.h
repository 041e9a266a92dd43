// Synchronisation helpers for the pool tests. C++17 has no std::latch, and
// tests that pin pool threads in place need a gate they can open later.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace corepool::test {

/// Pool sizes every determinism test compares: serial, the core count of a
/// small CI box, an odd count, and more threads than cores.
inline constexpr std::size_t kPoolSizes[] = {1, 2, 3, 8};

/// Under ThreadSanitizer every memory access is instrumented, and the sort
/// sweeps ran 80 of the variant's 100 s. Sweeps that check values rather than
/// threading skip their largest repeated cases there; every case still runs
/// in the release and ASan builds.
#if defined(__SANITIZE_THREAD__)
inline constexpr bool kThreadSanitizer = true;
#else
inline constexpr bool kThreadSanitizer = false;
#endif

/// A one-shot gate: Wait() blocks until some thread calls Open().
class Gate {
 public:
  /// Releases every current and future waiter.
  void Open() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
    cv_.notify_all();
  }
  /// Blocks until Open() has been called.
  void Wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [this] { return open_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = false;
};

/// A countdown: Wait() blocks until CountDown() has been called `count` times.
class Latch {
 public:
  explicit Latch(std::size_t count) : count_(count) {}
  /// Decrements the count, waking waiters when it reaches zero.
  void CountDown() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (count_ > 0 && --count_ == 0) cv_.notify_all();
  }
  /// Blocks until the count is zero.
  void Wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [this] { return count_ == 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::size_t count_;
};

}  // namespace corepool::test
