// The native sort family against a std::stable_sort reference in numpy
// order, for every dtype, sizes around each switch-over constant
// (kernels/sort_thresholds.h), data full of ties, NaNs and zeros of both
// signs, both directions, and several pool sizes (the output is unique, so
// every pool size must give the same bits).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>
#include <type_traits>
#include <vector>

#include "binding/sort_driver.h"
#include "harness.h"
#include "kernels/dtype.h"
#include "kernels/sort_radix.h"
#include "kernels/sort_thresholds.h"
#include "pool/thread_pool.h"
#include "test_util.h"

namespace corepool::test {
namespace {

enum class Pattern { kRandom, kSorted, kReversed, kEqual, kFew, kSpecial };
constexpr Pattern kPatterns[] = {
    Pattern::kRandom, Pattern::kSorted, Pattern::kReversed, Pattern::kEqual, Pattern::kFew, Pattern::kSpecial};
constexpr std::size_t kSizes[] = {0,   1,    2,    3,    15,    16,    17,    33,    100,   511,   512,
                                  513, 4095, 4096, 4097, 16383, 16384, 16385, 65535, 65536, 65537, 150000};
const SortStop kNever = [] { return false; };

/// numpy order: NaN after everything, and -0 == +0.
template <typename T>
bool NumpyLess(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
  }
  return a < b;
}

template <typename T>
T Special(std::mt19937_64& rng) {
  if constexpr (std::is_floating_point_v<T>) {
    using U = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;
    const U sign = U{1} << (sizeof(U) * 8 - 1);
    const U quiet = sizeof(T) == 8 ? static_cast<U>(0x7FF8000000000000ULL) : static_cast<U>(0x7FC00000U);
    const U payload_nan = sizeof(T) == 8 ? static_cast<U>(0x7FF0000000000123ULL) : static_cast<U>(0x7F800123U);
    const U choices[] = {0, sign, quiet, static_cast<U>(quiet | sign), static_cast<U>(payload_nan | sign), payload_nan};
    const std::size_t pick = rng() % 10;
    if (pick < 6) {
      T t;
      std::memcpy(&t, &choices[pick], sizeof(T));
      return t;
    }
    if (pick == 6) return std::numeric_limits<T>::infinity();
    if (pick == 7) return -std::numeric_limits<T>::infinity();
    return static_cast<T>(static_cast<int>(rng() % 5) - 2);
  } else {
    const T values[] = {std::numeric_limits<T>::min(), std::numeric_limits<T>::max(), 0, 1};
    return values[rng() % 4];
  }
}

template <typename T>
std::vector<T> MakeData(std::size_t n, Pattern p, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::vector<T> v(n);
  for (T& x : v) {
    if constexpr (std::is_floating_point_v<T>) {
      x = static_cast<T>(
          std::ldexp(static_cast<double>(rng() >> 11) / 9007199254740992.0 - 0.5, static_cast<int>(rng() % 40) - 20));
    } else {
      x = static_cast<T>(rng());
    }
    if (p == Pattern::kEqual) x = static_cast<T>(7);
    if (p == Pattern::kFew) x = static_cast<T>(rng() % 3);
    if (p == Pattern::kSpecial) x = Special<T>(rng);
  }
  if (p == Pattern::kSorted) std::stable_sort(v.begin(), v.end(), NumpyLess<T>);
  if (p == Pattern::kReversed) std::stable_sort(v.begin(), v.end(), [](T a, T b) { return NumpyLess(b, a); });
  return v;
}

template <typename T>
std::vector<std::uint32_t> ReferenceOrder(const std::vector<T>& v, bool descending) {
  std::vector<std::uint32_t> idx(v.size());
  std::iota(idx.begin(), idx.end(), 0u);
  std::stable_sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) {
    return descending ? NumpyLess(v[b], v[a]) : NumpyLess(v[a], v[b]);
  });
  return idx;
}

template <typename T>
bool SameBits(const T* a, const T* b, std::size_t n) {
  return n == 0 || std::memcmp(a, b, n * sizeof(T)) == 0;
}

template <typename T>
void CheckSortAndArgsort(ThreadPool& pool, Dtype dtype, std::size_t n, Pattern p, bool descending) {
  const std::vector<T> data = MakeData<T>(n, p, static_cast<unsigned>(n * 7 + static_cast<int>(p)));
  const std::vector<std::uint32_t> order = ReferenceOrder(data, descending);
  std::vector<T> expected(n);
  for (std::size_t i = 0; i < n; ++i) expected[i] = data[order[i]];
  // One element of offset, so the sort never sees an aligned-to-the-block start.
  std::vector<T> sorted(n + 1);
  std::copy(data.begin(), data.end(), sorted.begin() + 1);
  EXPECT_TRUE(SortInPlace(pool, sorted.data() + 1, n, dtype, descending, kNever));
  const bool sort_ok = SameBits(sorted.data() + 1, expected.data(), n);
  std::vector<std::uint32_t> idx(n + 1, 12345);
  EXPECT_TRUE(Argsort(pool, data.data(), n, dtype, descending, IndexOut{idx.data(), false}, kNever));
  const bool argsort_ok = std::equal(order.begin(), order.end(), idx.begin());
  std::vector<double> idx64(n);
  EXPECT_TRUE(Argsort(pool, data.data(), n, dtype, descending, IndexOut{idx64.data(), true}, kNever));
  const bool argsort64_ok = std::equal(order.begin(), order.end(), idx64.begin());
  if (!sort_ok || !argsort_ok || !argsort64_ok || idx[n] != 12345) {
    ReportFailure(__FILE__,
                  __LINE__,
                  "dtype " + Show(static_cast<int>(dtype)) + " n " + Show(n) + " pattern " + Show(static_cast<int>(p)) +
                      " desc " + Show(descending) + " sort " + Show(sort_ok) + " argsort " + Show(argsort_ok) +
                      " argsort64 " + Show(argsort64_ok));
  }
}

template <typename Fn>
void ForEachDtype(Fn&& fn) {
  for (Dtype t : {Dtype::kFloat64,
                  Dtype::kFloat32,
                  Dtype::kInt32,
                  Dtype::kUint32,
                  Dtype::kInt16,
                  Dtype::kUint16,
                  Dtype::kInt8,
                  Dtype::kUint8,
                  Dtype::kUint8Clamped}) {
    VisitDtype(t, [&](auto zero) { fn(t, zero); });
  }
}

COREPOOL_TEST(SortAndArgsortMatchStableReference) {
  ThreadPool pool(3);
  ForEachDtype([&](Dtype t, auto zero) {
    using T = decltype(zero);
    for (std::size_t n : kSizes) {
      for (Pattern p : kPatterns) {
        // Large sizes: the patterns that stress different paths only.
        if (n > 20000 && p != Pattern::kRandom && p != Pattern::kSpecial && p != Pattern::kFew) continue;
        if (kThreadSanitizer && n > 5000 && p != Pattern::kRandom) continue;
        for (bool descending : {false, true}) CheckSortAndArgsort<T>(pool, t, n, p, descending);
      }
    }
  });
}

COREPOOL_TEST(SortIsTheSameOnEveryPoolSize) {
  for (std::size_t threads : kPoolSizes) {
    ThreadPool pool(threads);
    for (std::size_t n : {std::size_t{70000}, std::size_t{300000}}) {
      if (kThreadSanitizer && n > 70000) continue;
      CheckSortAndArgsort<double>(pool, Dtype::kFloat64, n, Pattern::kRandom, false);
      CheckSortAndArgsort<double>(pool, Dtype::kFloat64, n, Pattern::kSpecial, true);
      CheckSortAndArgsort<float>(pool, Dtype::kFloat32, n, Pattern::kFew, false);
      CheckSortAndArgsort<std::int32_t>(pool, Dtype::kInt32, n, Pattern::kRandom, true);
      CheckSortAndArgsort<std::int16_t>(pool, Dtype::kInt16, n, Pattern::kRandom, false);
    }
  }
}

/// A value whose high bits are shared by most elements: one huge MSD bucket,
/// which must recurse in parallel.
COREPOOL_TEST(SortHandlesOneDominantBucket) {
  ThreadPool pool(2);
  std::mt19937_64 rng(5);
  std::vector<std::uint32_t> data(400000);
  for (auto& x : data) x = (rng() % 10 == 0) ? static_cast<std::uint32_t>(rng()) : 0x12300000u + (rng() & 0xFFFFF);
  std::vector<std::uint32_t> expected = data;
  std::sort(expected.begin(), expected.end());
  EXPECT_TRUE(SortInPlace(pool, data.data(), data.size(), Dtype::kUint32, false, kNever));
  EXPECT_TRUE(data == expected);
}

/// partition and topk against the stable reference order, searchsorted
/// against std::lower_bound / upper_bound in numpy order.
template <typename T>
void CheckSelection(ThreadPool& pool, Dtype dtype, std::size_t n, Pattern p) {
  const std::vector<T> data = MakeData<T>(n, p, static_cast<unsigned>(n + 99));
  for (std::size_t k : {std::size_t{0}, n / 3, n - 1}) {
    if (n == 0) break;
    const std::vector<std::uint32_t> order = ReferenceOrder(data, false);
    const T pivot = data[order[k]];
    std::vector<std::uint32_t> expected;
    for (int side = 0; side < 3; ++side) {
      for (std::uint32_t i = 0; i < n; ++i) {
        const int at = NumpyLess(data[i], pivot) ? 0 : NumpyLess(pivot, data[i]) ? 2 : 1;
        if (at == side) expected.push_back(i);
      }
    }
    std::vector<T> values(n);
    std::vector<std::uint32_t> idx(n);
    EXPECT_TRUE(Partition(pool, data.data(), n, dtype, k, values.data(), IndexOut{idx.data(), false}, kNever));
    EXPECT_TRUE(idx == expected);
    std::vector<T> moved(n);
    for (std::size_t i = 0; i < n; ++i) moved[i] = data[expected[i]];
    EXPECT_TRUE(SameBits(values.data(), moved.data(), n));
  }
  for (bool largest : {false, true}) {
    const std::vector<std::uint32_t> order = ReferenceOrder(data, largest);
    for (std::size_t k : {std::size_t{0}, std::size_t{1}, n / 2, n}) {
      if (k > n) continue;
      std::vector<T> values(k);
      std::vector<double> idx(k);
      EXPECT_TRUE(Topk(pool, data.data(), n, dtype, k, largest, values.data(), IndexOut{idx.data(), true}, kNever));
      bool ok = true;
      for (std::size_t i = 0; i < k; ++i) {
        ok = ok && idx[i] == order[i] && std::memcmp(&values[i], &data[order[i]], sizeof(T)) == 0;
      }
      if (!ok) ReportFailure(__FILE__, __LINE__, "topk n " + Show(n) + " k " + Show(k) + " largest " + Show(largest));
    }
  }
  std::vector<T> sorted = data;
  std::stable_sort(sorted.begin(), sorted.end(), NumpyLess<T>);
  const std::vector<T> queries = MakeData<T>(257, p == Pattern::kSpecial ? p : Pattern::kRandom, 3);
  for (bool right : {false, true}) {
    std::vector<std::uint32_t> out(queries.size());
    EXPECT_TRUE(SearchSorted(
        pool, sorted.data(), n, queries.data(), queries.size(), dtype, right, IndexOut{out.data(), false}, kNever));
    for (std::size_t j = 0; j < queries.size(); ++j) {
      const auto it = right ? std::upper_bound(sorted.begin(), sorted.end(), queries[j], NumpyLess<T>)
                            : std::lower_bound(sorted.begin(), sorted.end(), queries[j], NumpyLess<T>);
      if (out[j] != static_cast<std::uint32_t>(it - sorted.begin())) {
        ReportFailure(__FILE__, __LINE__, "searchsorted n " + Show(n) + " j " + Show(j));
        break;
      }
    }
  }
}

COREPOOL_TEST(PartitionTopkSearchsortedMatchReference) {
  ThreadPool pool(2);
  ForEachDtype([&](Dtype t, auto zero) {
    using T = decltype(zero);
    for (std::size_t n :
         {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{17}, std::size_t{1000}, std::size_t{70000}}) {
      for (Pattern p : {Pattern::kRandom, Pattern::kFew, Pattern::kSpecial}) {
        if (kThreadSanitizer && n > 1000 && p != Pattern::kRandom) continue;
        CheckSelection<T>(pool, t, n, p);
      }
    }
  });
}

COREPOOL_TEST(StopBeforeStartLeavesTheInputUntouched) {
  ThreadPool pool(2);
  const SortStop always = [] { return true; };
  std::vector<double> data = MakeData<double>(100000, Pattern::kRandom, 1);
  const std::vector<double> before = data;
  EXPECT_TRUE(!SortInPlace(pool, data.data(), data.size(), Dtype::kFloat64, false, always));
  EXPECT_TRUE(SameBits(data.data(), before.data(), data.size()));
  std::vector<std::uint32_t> idx(data.size());
  EXPECT_TRUE(!Argsort(pool, data.data(), data.size(), Dtype::kFloat64, false, IndexOut{idx.data(), false}, always));
}

// A concurrent writer can change the caller's keys between a pass's
// histogram and its scatter; here the offsets say one key has digit 1 while
// four do. The scatter must stay inside its destination (the asan variant
// catches a write past it) and drop the excess.
COREPOOL_TEST(ScatterDropsWritesPastItsLimit) {
  const std::vector<std::uint32_t> keys = {1, 1, 1, 1};
  std::vector<std::uint32_t> dst(keys.size(), 0);
  std::size_t next[2] = {0, 3};  // as counted before the keys changed: three 0s, one 1
  sort::ScatterRange(keys.data(),
                     static_cast<const sort::NoIdx*>(nullptr),
                     0,
                     keys.size(),
                     0,
                     1u,
                     dst.data(),
                     static_cast<sort::NoIdx*>(nullptr),
                     next,
                     dst.size());
  EXPECT_EQ(dst[3], 1u);
  EXPECT_EQ(dst[0], 0u);
  EXPECT_EQ(next[1], std::size_t{7});
}

}  // namespace
}  // namespace corepool::test
