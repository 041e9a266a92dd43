#include "job.h"

#include <exception>
#include <utility>

namespace corepool {

Job::Job(std::size_t blocks, BlockFn run, DoneFn done)
    : blocks_(blocks), run_(std::move(run)), done_(std::move(done)) {}

bool Job::RunOne() {
  const std::size_t index = next_.fetch_add(1, std::memory_order_relaxed);
  if (index >= blocks_) return false;
  if (!cancelled()) {
    // Nothing may escape a pool thread: the first failure is kept for the
    // caller and the remaining blocks are skipped.
    try {
      run_(index);
    } catch (const std::exception& e) {
      Fail(e.what());
    } catch (...) {
      Fail("unknown exception in a corepool block");
    }
  }
  if (finished_blocks_.fetch_add(1, std::memory_order_acq_rel) + 1 == blocks_) Finish();
  return true;
}

void Job::Fail(const char* message) {
  std::call_once(error_once_, [&] { error_ = message; });
  failed_.store(true, std::memory_order_release);
  Cancel();
}

void Job::Finish() {
  if (done_) {
    try {
      done_(*this);
    } catch (...) {
      // A completion callback that throws has nowhere to report to; keeping
      // the pool thread alive matters more.
    }
  }
  std::lock_guard<std::mutex> lock(wait_mutex_);
  settled_ = true;
  wait_cv_.notify_all();
}

void Job::Wait() {
  std::unique_lock<std::mutex> lock(wait_mutex_);
  wait_cv_.wait(lock, [this] { return settled_; });
}

}  // namespace corepool
