// ParallelFor / ParallelReduce: coverage of the range, thread-independent
// block boundaries, and bit-identical reductions whatever the pool size.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "harness.h"
#include "pool/blocks.h"
#include "pool/parallel.h"
#include "pool/thread_pool.h"
#include "test_util.h"

namespace corepool::test {
namespace {

constexpr std::size_t kBlock = 64;
// Empty, single, around one block, two blocks, and a large odd size whose
// last block is partial.
constexpr std::size_t kSizes[] = {0, 1, kBlock - 1, kBlock, kBlock + 1, 2 * kBlock, 97 * kBlock + 13};
// Non-zero begins catch code that indexes blocks from 0 instead of `begin`.
constexpr std::size_t kBegins[] = {0, 5, 1000};

using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

Ranges RecordBlocks(ThreadPool& pool, std::size_t begin, std::size_t end, std::size_t block) {
  std::mutex mutex;
  Ranges ranges;
  ParallelFor(pool, begin, end, block, [&](std::size_t lo, std::size_t hi) {
    std::lock_guard<std::mutex> lock(mutex);
    ranges.emplace_back(lo, hi);
  });
  std::sort(ranges.begin(), ranges.end());
  return ranges;
}

// Doubles over ~60 binades with mixed signs, so that any change in the order
// of additions changes the rounded sum.
std::vector<double> RandomDoubles(std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-30, 30);
  std::vector<double> values(n);
  for (double& v : values) v = std::ldexp(mantissa(rng), exponent(rng));
  return values;
}

double SerialSum(const double* x, std::size_t lo, std::size_t hi) {
  double total = 0.0;
  for (std::size_t i = lo; i < hi; ++i) total += x[i];
  return total;
}

bool SameBits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace

COREPOOL_TEST(ParallelForVisitsEveryIndexExactlyOnce) {
  for (std::size_t threads : kPoolSizes) {
    ThreadPool pool(threads);
    for (std::size_t size : kSizes) {
      for (std::size_t begin : kBegins) {
        const std::size_t end = begin + size;
        std::vector<std::atomic<int>> hits(end + kBlock);
        for (auto& h : hits) h.store(0);
        std::atomic<std::size_t> calls{0};
        std::atomic<bool> bad_range{false};
        ParallelFor(pool, begin, end, kBlock, [&](std::size_t lo, std::size_t hi) {
          if (!(lo < hi && hi - lo <= kBlock && (lo - begin) % kBlock == 0)) bad_range = true;
          for (std::size_t i = lo; i < hi; ++i) hits[i].fetch_add(1);
          calls.fetch_add(1);
        });
        EXPECT_TRUE(!bad_range.load());
        EXPECT_EQ(calls.load(), BlockCount(size, kBlock));
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < hits.size(); ++i) {
          const int expected = i >= begin && i < end ? 1 : 0;
          if (hits[i].load() != expected) ++wrong;
        }
        if (wrong != 0) {
          ReportFailure(__FILE__,
                        __LINE__,
                        "threads=" + Show(threads) + " begin=" + Show(begin) + " size=" + Show(size) + ": " +
                            Show(wrong) + " indices not visited exactly once");
        }
      }
    }
  }
}

COREPOOL_TEST(ParallelForEmptyOrReversedRangeNeverCallsBody) {
  ThreadPool pool(2);
  std::atomic<int> calls{0};
  ParallelFor(pool, 7, 7, kBlock, [&](std::size_t, std::size_t) { calls++; });
  ParallelFor(pool, 9, 3, kBlock, [&](std::size_t, std::size_t) { calls++; });
  // An empty range is valid even with a nonsense block size.
  ParallelFor(pool, 4, 4, 0, [&](std::size_t, std::size_t) { calls++; });
  EXPECT_EQ(calls.load(), 0);
}

COREPOOL_TEST(ParallelForRejectsZeroBlock) {
  ThreadPool pool(2);
  bool threw = false;
  try {
    ParallelFor(pool, 0, 10, 0, [](std::size_t, std::size_t) {});
  } catch (const std::invalid_argument&) {
    threw = true;
  }
  EXPECT_TRUE(threw);
}

COREPOOL_TEST(BlockBoundariesDependOnlyOnTheRange) {
  for (std::size_t size : kSizes) {
    const std::size_t begin = 5;
    const std::size_t end = begin + size;
    Ranges expected;
    for (std::size_t lo = begin; lo < end; lo += kBlock) expected.emplace_back(lo, std::min(end, lo + kBlock));
    for (std::size_t threads : kPoolSizes) {
      ThreadPool pool(threads);
      // Twice per pool: a second run must not depend on which threads woke.
      for (int round = 0; round < 2; ++round) {
        const Ranges got = RecordBlocks(pool, begin, end, kBlock);
        if (got != expected) {
          ReportFailure(
              __FILE__, __LINE__, "threads=" + Show(threads) + " size=" + Show(size) + ": block boundaries differ");
        }
      }
    }
  }
}

COREPOOL_TEST(ParallelReduceFloatSumIsBitIdenticalAcrossPoolSizes) {
  const std::vector<double> data = RandomDoubles(200003, 42);
  const double* x = data.data();
  for (std::size_t block : {std::size_t{1000}, kReduceBlock}) {
    for (std::size_t begin : {std::size_t{0}, std::size_t{3}}) {
      const std::size_t end = data.size();
      // Reference: the same blocks and tree, computed on this thread alone.
      std::vector<double> parts;
      for (std::size_t lo = begin; lo < end; lo += block) parts.push_back(SerialSum(x, lo, std::min(end, lo + block)));
      const double reference = TreeCombine(parts, 0, parts.size(), [](double a, double b) { return a + b; });
      for (std::size_t threads : kPoolSizes) {
        ThreadPool pool(threads);
        for (int round = 0; round < 3; ++round) {
          const double got = ParallelReduce(
              pool,
              begin,
              end,
              block,
              -0.0,
              [x](std::size_t lo, std::size_t hi) { return SerialSum(x, lo, hi); },
              [](double a, double b) { return a + b; });
          if (!SameBits(got, reference)) {
            ReportFailure(__FILE__,
                          __LINE__,
                          "threads=" + Show(threads) + " block=" + Show(block) + ": " + Show(got) +
                              " differs from serial " + Show(reference));
          }
        }
      }
    }
  }
}

COREPOOL_TEST(ParallelReduceCombinesAdjacentBlocksInOrder) {
  // A non-commutative combine: joining [a,b) with [c,d) is valid only when
  // b == c, so any misplaced part or swapped operands shows up.
  struct Span {
    std::size_t lo, hi;
    bool ok;
  };
  for (std::size_t threads : kPoolSizes) {
    ThreadPool pool(threads);
    for (std::size_t size : kSizes) {
      const std::size_t begin = 1000;
      const Span got = ParallelReduce(
          pool,
          begin,
          begin + size,
          kBlock,
          Span{0, 0, true},
          [](std::size_t lo, std::size_t hi) {
            return Span{lo, hi, true};
          },
          [](const Span& l, const Span& r) {
            return Span{l.lo, r.hi, l.ok && r.ok && l.hi == r.lo};
          });
      if (size == 0) {
        EXPECT_TRUE(got.ok && got.lo == 0 && got.hi == 0);  // the identity
      } else {
        EXPECT_TRUE(got.ok);
        EXPECT_EQ(got.lo, begin);
        EXPECT_EQ(got.hi, begin + size);
      }
    }
  }
}

COREPOOL_TEST(ConcurrentCallersShareOnePool) {
  // Many Node environments call into the one shared pool at once.
  ThreadPool pool(2);
  const std::vector<double> data = RandomDoubles(50001, 7);
  const double* x = data.data();
  auto reduce = [&] {
    return ParallelReduce(
        pool,
        0,
        data.size(),
        512,
        -0.0,
        [x](std::size_t lo, std::size_t hi) { return SerialSum(x, lo, hi); },
        [](double a, double b) { return a + b; });
  };
  const double expected = reduce();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t) {
    callers.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        if (!SameBits(reduce(), expected)) mismatches++;
      }
    });
  }
  for (auto& c : callers) c.join();
  EXPECT_EQ(mismatches.load(), 0);
}

COREPOOL_TEST(NestedParallelForCompletes) {
  // A block that itself calls ParallelFor must not wait on threads that are
  // all busy with the outer job: the caller runs what nobody else claims.
  ThreadPool pool(2);
  std::atomic<std::size_t> inner_total{0};
  ParallelFor(pool, 0, 8, 1, [&](std::size_t, std::size_t) {
    ParallelFor(pool, 0, 1000, 10, [&](std::size_t lo, std::size_t hi) { inner_total += hi - lo; });
  });
  EXPECT_EQ(inner_total.load(), std::size_t{8000});
}

}  // namespace corepool::test
