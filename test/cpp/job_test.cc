// Job failure and cancellation: the first failure wins, later blocks are
// skipped, the done callback fires exactly once, and the pool survives.
#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "harness.h"
#include "pool/job.h"
#include "pool/parallel.h"
#include "pool/thread_pool.h"
#include "test_util.h"

namespace corepool::test {
namespace {

constexpr std::size_t kBlocks = 10;

// Runs every index of [0, n) through ParallelFor and says whether each was
// visited once: the probe that a pool is still healthy after a failure.
bool PoolStillWorks(ThreadPool& pool, std::size_t n) {
  std::vector<std::atomic<int>> hits(n);
  for (auto& h : hits) h.store(0);
  ParallelFor(pool, 0, n, 7, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) hits[i]++;
  });
  for (auto& h : hits) {
    if (h.load() != 1) return false;
  }
  return true;
}

}  // namespace

COREPOOL_TEST(ThrowingBlockFailsJobAndSkipsTheRest) {
  // One pool thread and Submit (no helping caller): blocks run in index
  // order, so exactly which blocks ran is deterministic.
  ThreadPool pool(1);
  std::vector<std::atomic<int>> ran(kBlocks);
  for (auto& r : ran) r.store(0);
  std::atomic<int> done_calls{0};
  bool failed_in_done = false;
  auto job = std::make_shared<Job>(
      kBlocks,
      [&](std::size_t index) {
        ran[index]++;
        if (index == 3) throw std::runtime_error("block 3 failed");
        if (index == 6) throw std::runtime_error("block 6 failed");
      },
      [&](Job& j) {
        failed_in_done = j.failed();
        done_calls++;
      });
  pool.Submit(job);
  job->Wait();
  EXPECT_TRUE(job->failed());
  EXPECT_EQ(job->error(), std::string("block 3 failed"));
  EXPECT_TRUE(failed_in_done);
  EXPECT_EQ(done_calls.load(), 1);
  for (std::size_t i = 0; i < kBlocks; ++i) EXPECT_EQ(ran[i].load(), i <= 3 ? 1 : 0);
  EXPECT_TRUE(PoolStillWorks(pool, 1000));
}

COREPOOL_TEST(NonStandardExceptionIsCaptured) {
  ThreadPool pool(2);
  auto job = std::make_shared<Job>(4, [](std::size_t index) {
    if (index == 1) throw 42;
  });
  pool.Run(job);
  EXPECT_TRUE(job->failed());
  EXPECT_TRUE(!job->error().empty());
  EXPECT_TRUE(PoolStillWorks(pool, 100));
}

COREPOOL_TEST(ParallelForRethrowsTheFailureAndPoolStaysUsable) {
  for (std::size_t threads : kPoolSizes) {
    ThreadPool pool(threads);
    constexpr std::size_t kMany = 10000;
    std::atomic<std::size_t> ran{0};
    std::atomic<bool> first_started{false};
    std::string message;
    try {
      ParallelFor(pool, 0, kMany, 1, [&](std::size_t lo, std::size_t) {
        ran++;
        if (lo == 0) {
          first_started = true;
          throw std::runtime_error("boom");
        }
        // Other blocks start after the failing one and take a while, so
        // running all of them would take far longer than one throw: the
        // count below cannot pass by luck of scheduling.
        while (!first_started) std::this_thread::yield();
        std::this_thread::sleep_for(std::chrono::microseconds(50));
      });
    } catch (const std::runtime_error& e) {
      message = e.what();
    }
    EXPECT_EQ(message, std::string("boom"));
    // Without skipping, all 10000 blocks would run.
    EXPECT_TRUE(ran.load() < kMany);
    EXPECT_TRUE(PoolStillWorks(pool, 5000));
  }
}

COREPOOL_TEST(FirstFailureWinsOverALaterOne) {
  // Two pool threads, two blocks, both in flight before either throws (each
  // thread is held in its block, so neither can claim the other's). Block 1
  // throws only after block 0's failure is recorded.
  ThreadPool pool(2);
  Latch both_started(2);
  std::shared_ptr<Job> job;
  job = std::make_shared<Job>(2, [&](std::size_t index) {
    both_started.CountDown();
    both_started.Wait();
    if (index == 0) throw std::runtime_error("first");
    while (!job->failed()) std::this_thread::yield();
    throw std::runtime_error("second");
  });
  pool.Submit(job);
  job->Wait();
  EXPECT_TRUE(job->failed());
  EXPECT_EQ(job->error(), std::string("first"));
}

COREPOOL_TEST(ConcurrentFailuresReportOneWholeMessage) {
  // Every block throws at once; error() must be one block's message intact,
  // never a mix of two.
  ThreadPool pool(8);
  std::string message;
  try {
    ParallelFor(pool, 0, 64, 1, [](std::size_t lo, std::size_t) {
      throw std::runtime_error("failure in block " + std::to_string(lo) + " end");
    });
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  bool matches = false;
  for (std::size_t i = 0; i < 64; ++i) matches |= message == "failure in block " + std::to_string(i) + " end";
  EXPECT_TRUE(matches);
}

COREPOOL_TEST(CancelSkipsBlocksNotYetStarted) {
  ThreadPool pool(1);
  Gate started;
  Gate release;
  std::atomic<int> ran{0};
  std::atomic<int> done_calls{0};
  auto job = std::make_shared<Job>(
      100,
      [&](std::size_t index) {
        ran++;
        if (index == 0) {
          started.Open();
          release.Wait();
        }
      },
      [&](Job&) { done_calls++; });
  pool.Submit(job);
  started.Wait();  // the only pool thread is inside block 0
  job->Cancel();
  release.Open();
  job->Wait();
  EXPECT_EQ(ran.load(), 1);
  EXPECT_EQ(done_calls.load(), 1);
  EXPECT_TRUE(job->cancelled());
  EXPECT_TRUE(!job->failed());
  EXPECT_TRUE(PoolStillWorks(pool, 100));
}

COREPOOL_TEST(CancelBeforeRunSkipsEverything) {
  ThreadPool pool(3);
  std::atomic<int> ran{0};
  std::atomic<int> done_calls{0};
  auto job = std::make_shared<Job>(
      50, [&](std::size_t) { ran++; }, [&](Job&) { done_calls++; });
  job->Cancel();
  pool.Run(job);
  EXPECT_EQ(ran.load(), 0);
  EXPECT_EQ(done_calls.load(), 1);
}

COREPOOL_TEST(DoneCallbackSeesEveryBlockAndMayThrow) {
  ThreadPool pool(3);
  std::vector<int> slots(257, 0);  // plain ints: visibility comes from the job
  bool complete = false;
  auto job = std::make_shared<Job>(
      slots.size(),
      [&](std::size_t index) { slots[index] = 1; },
      [&](Job&) {
        complete = true;
        for (int s : slots) complete = complete && s == 1;
        throw std::runtime_error("a done callback that throws must not kill its thread");
      });
  pool.Submit(job);
  job->Wait();
  EXPECT_TRUE(complete);
  EXPECT_TRUE(!job->failed());
  EXPECT_TRUE(PoolStillWorks(pool, 1000));
}

}  // namespace corepool::test
