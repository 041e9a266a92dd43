// ThreadPool itself: async Submit from many threads, zero-block jobs, Run
// while the pool is busy, destruction with queued work, and the shared pool.
// The test runner (main) is in harness.cc; the other areas have their own
// files: parallel_test.cc, kernels_test.cc, job_test.cc.
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "harness.h"
#include "pool/job.h"
#include "pool/parallel.h"
#include "pool/thread_pool.h"
#include "test_util.h"

namespace corepool::test {
namespace {

/// Bookkeeping for one async job: how often each hook ran.
struct JobRecord {
  std::size_t blocks = 0;
  std::atomic<std::size_t> blocks_run{0};
  std::atomic<int> done_calls{0};
};

std::shared_ptr<Job> RecordedJob(JobRecord& record, Latch* finished) {
  return std::make_shared<Job>(
      record.blocks,
      [&record](std::size_t) { record.blocks_run++; },
      [&record, finished](Job&) {
        record.done_calls++;
        if (finished != nullptr) finished->CountDown();
      });
}

}  // namespace

COREPOOL_TEST(PoolHasAtLeastOneThread) {
  EXPECT_EQ(ThreadPool(0).size(), std::size_t{1});
  EXPECT_EQ(ThreadPool(3).size(), std::size_t{3});
}

COREPOOL_TEST(ConcurrentSubmitFiresEachDoneExactlyOnce) {
  constexpr int kSubmitters = 4;
  constexpr int kJobsEach = 150;
  ThreadPool pool(3);
  std::vector<JobRecord> records(kSubmitters * kJobsEach);
  // Block counts cycle through 0..12: zero-block jobs complete on Submit.
  for (std::size_t i = 0; i < records.size(); ++i) records[i].blocks = (i * 7) % 13;
  Latch finished(records.size());
  std::vector<std::thread> submitters;
  for (int t = 0; t < kSubmitters; ++t) {
    submitters.emplace_back([&, t] {
      for (int j = 0; j < kJobsEach; ++j) pool.Submit(RecordedJob(records[t * kJobsEach + j], &finished));
    });
  }
  for (auto& s : submitters) s.join();
  finished.Wait();
  int bad = 0;
  for (const JobRecord& r : records) bad += r.done_calls.load() != 1 || r.blocks_run.load() != r.blocks;
  EXPECT_EQ(bad, 0);
  // A late second done call would land here.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  int extra = 0;
  for (const JobRecord& r : records) extra += r.done_calls.load() != 1;
  EXPECT_EQ(extra, 0);
}

COREPOOL_TEST(ZeroBlockJobsComplete) {
  ThreadPool pool(2);
  JobRecord submitted;
  auto a = RecordedJob(submitted, nullptr);
  pool.Submit(a);
  a->Wait();
  EXPECT_EQ(submitted.done_calls.load(), 1);
  JobRecord run;
  auto b = RecordedJob(run, nullptr);
  pool.Run(b);
  EXPECT_EQ(run.done_calls.load(), 1);
  EXPECT_EQ(run.blocks_run.load(), std::size_t{0});
}

COREPOOL_TEST(SingleBlockRunFiresDoneOnce) {
  ThreadPool pool(2);
  JobRecord record;
  record.blocks = 1;
  auto job = RecordedJob(record, nullptr);
  pool.Run(job);
  EXPECT_EQ(record.blocks_run.load(), std::size_t{1});
  EXPECT_EQ(record.done_calls.load(), 1);
}

COREPOOL_TEST(RunWhileEveryPoolThreadIsBusyDoesNotDeadlock) {
  constexpr std::size_t kThreads = 2;
  ThreadPool pool(kThreads);
  Latch busy(kThreads);
  Gate release;
  // A long job that pins every pool thread until the gate opens.
  auto long_job = std::make_shared<Job>(kThreads, [&](std::size_t) {
    busy.CountDown();
    release.Wait();
  });
  pool.Submit(long_job);
  busy.Wait();
  // The caller must finish this job by itself; the watchdog fails the test
  // if Run waits for the pinned threads instead.
  JobRecord record;
  record.blocks = 64;
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<int> foreign{0};
  auto job = std::make_shared<Job>(record.blocks, [&](std::size_t) {
    record.blocks_run++;
    if (std::this_thread::get_id() != caller) foreign++;
  });
  pool.Run(job);
  EXPECT_EQ(record.blocks_run.load(), record.blocks);
  EXPECT_EQ(foreign.load(), 0);
  std::atomic<std::size_t> total{0};
  ParallelFor(pool, 0, 1000, 10, [&](std::size_t lo, std::size_t hi) { total += hi - lo; });
  EXPECT_EQ(total.load(), std::size_t{1000});
  release.Open();
  long_job->Wait();
}

COREPOOL_TEST(DestroyingPoolWithQueuedWorkJoinsCleanly) {
  // Queued jobs hold references their owners wait on, so the destructor
  // drains them rather than dropping them: every done callback fires.
  constexpr std::size_t kJobs = 40;
  std::vector<JobRecord> records(kJobs);
  {
    ThreadPool pool(2);
    for (JobRecord& r : records) {
      r.blocks = 5;
      pool.Submit(std::make_shared<Job>(
          r.blocks,
          [&r](std::size_t) {
            std::this_thread::sleep_for(std::chrono::microseconds(200));
            r.blocks_run++;
          },
          [&r](Job&) { r.done_calls++; }));
    }
  }
  int bad = 0;
  for (const JobRecord& r : records) bad += r.done_calls.load() != 1 || r.blocks_run.load() != r.blocks;
  EXPECT_EQ(bad, 0);
  // Construction and immediate destruction, before threads even start.
  for (int i = 0; i < 20; ++i) ThreadPool(3);
}

COREPOOL_TEST(SharedPoolIsConfiguredOnceAndNeverReplaced) {
  // The only test that touches the process-wide pool.
  EXPECT_EQ(ThreadPool::Configure(3), std::size_t{3});
  EXPECT_EQ(ThreadPool::Configure(5), std::size_t{3});  // first call wins
  ThreadPool& shared = ThreadPool::Shared();
  EXPECT_EQ(shared.size(), std::size_t{3});
  EXPECT_TRUE(&ThreadPool::Shared() == &shared);
  EXPECT_EQ(ThreadPool::Configure(6), std::size_t{3});  // too late to change
  std::atomic<std::size_t> total{0};
  ParallelFor(shared, 0, 500, 3, [&](std::size_t lo, std::size_t hi) { total += hi - lo; });
  EXPECT_EQ(total.load(), std::size_t{500});
}

}  // namespace corepool::test
