// The registered reduction kernels, driven exactly as the binding drives them
// (ParallelFor over kReduceBlock blocks, then TreeCombine): results must not
// depend on the pool size, and the SIMD clones must match scalar code.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "harness.h"
#include "kernels/dtype.h"
#include "kernels/lanes.h"
#include "kernels/reduce.h"
#include "kernels/scans.h"
#include "kernels/simd.h"
#include "pool/blocks.h"
#include "pool/parallel.h"
#include "pool/thread_pool.h"
#include "test_util.h"

namespace corepool::test {
namespace {

// Three full blocks and a partial one, so the tree has uneven sides.
constexpr std::size_t kN = 3 * kReduceBlock + 77;
// Element offset into each buffer: clones must cope with unaligned starts.
constexpr std::size_t kOffset = 3;
constexpr Dtype kAllDtypes[] = {Dtype::kFloat64,
                                Dtype::kFloat32,
                                Dtype::kInt32,
                                Dtype::kUint32,
                                Dtype::kInt16,
                                Dtype::kUint16,
                                Dtype::kInt8,
                                Dtype::kUint8,
                                Dtype::kUint8Clamped};

/// Bytes of one typed input plus the Operand viewing them.
struct Array {
  std::vector<unsigned char> bytes;
  Operand op;
};

template <typename T>
Array MakeArray(const std::vector<T>& values, Dtype dtype) {
  Array a;
  a.bytes.resize((values.size() + kOffset) * sizeof(T));
  unsigned char* start = a.bytes.data() + kOffset * sizeof(T);
  if (!values.empty()) std::memcpy(start, values.data(), values.size() * sizeof(T));
  a.op = Operand{start, values.size(), dtype};
  return a;
}

template <typename T>
std::vector<T> RandomValues(std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::vector<T> values(n);
  if constexpr (std::is_floating_point_v<T>) {
    std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
    std::uniform_int_distribution<int> exponent(-20, 20);
    for (T& v : values) v = static_cast<T>(std::ldexp(mantissa(rng), exponent(rng)));
  } else {
    // Full range: int32 extremes would overflow a 32-bit accumulator.
    std::uniform_int_distribution<long long> dist(std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
    for (T& v : values) v = static_cast<T>(dist(rng));
  }
  return values;
}

Array RandomArray(Dtype dtype, std::size_t n, unsigned seed) {
  return VisitDtype(dtype, [&](auto zero) { return MakeArray(RandomValues<decltype(zero)>(n, seed), dtype); });
}

const ReduceKernel* KernelNamed(const std::string& name) {
  for (std::size_t id = 0; id < ReduceKernelCount(); ++id) {
    if (name == FindReduceKernel(id)->name) return FindReduceKernel(id);
  }
  ReportFailure(__FILE__, __LINE__, "no kernel named " + name);
  return nullptr;
}

// The same steps as ReduceSync in native/binding/reduce_binding.cc.
double RunKernel(ThreadPool& pool, const ReduceKernel& kernel, const Operand* ops) {
  const std::size_t n = ops[0].length;
  std::vector<Partial> parts(BlockCount(n, kReduceBlock));
  ParallelFor(pool, 0, n, kReduceBlock, [&](std::size_t lo, std::size_t hi) {
    parts[lo / kReduceBlock] = kernel.block(ops, lo, hi);
  });
  if (parts.empty()) return kernel.empty_value;
  return kernel.finish(TreeCombine(parts, 0, parts.size(), kernel.combine), ops);
}

bool SameBits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

/// Runs `name` on `ops` under every pool size; fails unless all agree to the
/// bit, and returns the common result.
double RunEverywhere(const char* name, const Operand* ops) {
  const ReduceKernel* kernel = KernelNamed(name);
  if (kernel == nullptr) return 0.0;
  double first = 0.0;
  for (std::size_t threads : kPoolSizes) {
    ThreadPool pool(threads);
    const double got = RunKernel(pool, *kernel, ops);
    if (threads == kPoolSizes[0]) {
      first = got;
    } else if (!SameBits(got, first)) {
      ReportFailure(__FILE__,
                    __LINE__,
                    std::string(name) + " with " + Show(threads) + " threads gave " + Show(got) + ", 1 thread gave " +
                        Show(first));
    }
  }
  return first;
}

}  // namespace

COREPOOL_TEST(RegistryMatchesRegistryDef) {
  struct Entry {
    const char* name;
    int arity;
  };
  const Entry expected[] = {
#define COREPOOL_REDUCE(name, arity, stem) {#name, arity},
#include "kernels/registry.def"
#undef COREPOOL_REDUCE
  };
  ASSERT_TRUE(ReduceKernelCount() == sizeof expected / sizeof expected[0]);
  for (std::size_t id = 0; id < ReduceKernelCount(); ++id) {
    const ReduceKernel* k = FindReduceKernel(id);
    ASSERT_TRUE(k != nullptr);
    EXPECT_EQ(std::string(k->name), std::string(expected[id].name));
    EXPECT_EQ(k->arity, expected[id].arity);
  }
  EXPECT_TRUE(FindReduceKernel(ReduceKernelCount()) == nullptr);
  const std::string level = SimdLevel();
  EXPECT_TRUE(level == "avx512f" || level == "avx2" || level == "sse2" || level == "portable");
}

COREPOOL_TEST(EveryKernelAndDtypeIsIdenticalAcrossPoolSizes) {
  for (std::size_t id = 0; id < ReduceKernelCount(); ++id) {
    const ReduceKernel& kernel = *FindReduceKernel(id);
    for (Dtype dtype : kAllDtypes) {
      const Array a = RandomArray(dtype, kN, 100 + static_cast<unsigned>(dtype));
      const Array b = RandomArray(dtype, kN, 200 + static_cast<unsigned>(dtype));
      const Operand ops[2] = {a.op, b.op};
      RunEverywhere(kernel.name, ops);
    }
  }
}

COREPOOL_TEST(IntegerSumIsExact) {
  const std::vector<std::int32_t> values = RandomValues<std::int32_t>(kN, 5);
  std::int64_t exact = 0;
  for (std::int32_t v : values) exact += v;
  const Array a = MakeArray(values, Dtype::kInt32);
  EXPECT_EQ(RunEverywhere("sum", &a.op), static_cast<double>(exact));
  EXPECT_EQ(RunEverywhere("mean", &a.op), static_cast<double>(exact) / static_cast<double>(kN));
}

COREPOOL_TEST(FloatSumsMatchScalarLaneOrder) {
  // The reference is compiled here without target_clones, i.e. baseline SSE2
  // scalar code: whichever clone the CPU picked must give the same bits.
  const std::vector<double> x = RandomValues<double>(kN, 11);
  const std::vector<double> y = RandomValues<double>(kN, 12);
  std::vector<double> sums, dots;
  for (std::size_t lo = 0; lo < kN; lo += kReduceBlock) {
    const std::size_t n = std::min(kN, lo + kReduceBlock) - lo;
    sums.push_back(LaneSum(n, [&](std::size_t i) { return x[lo + i]; }));
    dots.push_back(LaneSum(n, [&](std::size_t i) { return x[lo + i] * y[lo + i]; }));
  }
  const auto add = [](double l, double r) { return l + r; };
  const Array a = MakeArray(x, Dtype::kFloat64);
  const Array b = MakeArray(y, Dtype::kFloat64);
  const Operand ops[2] = {a.op, b.op};
  EXPECT_TRUE(SameBits(RunEverywhere("sum", ops), TreeCombine(sums, 0, sums.size(), add)));
  EXPECT_TRUE(SameBits(RunEverywhere("dot", ops), TreeCombine(dots, 0, dots.size(), add)));
}

COREPOOL_TEST(LaneSummerInPiecesIsLaneSum) {
  // The expression VM sums a block a chunk at a time; any cut of the block
  // (including pieces that do not start on a lane boundary) gives LaneSum's bits.
  const std::vector<double> x = RandomValues<double>(kReduceBlock + 13, 21);
  std::uint32_t seed = 7;
  for (const std::size_t n : {std::size_t{0},
                              std::size_t{5},
                              std::size_t{8},
                              std::size_t{1023},
                              std::size_t{1029},
                              kReduceBlock - 3,
                              kReduceBlock}) {
    const double want = LaneSum(n, [&](std::size_t i) { return x[i]; });
    for (int trial = 0; trial < 20; ++trial) {
      LaneSummer summer(n);
      for (std::size_t at = 0; at < n;) {
        seed = seed * 1103515245u + 12345u;
        const std::size_t piece = std::min<std::size_t>(n - at, 1 + (seed >> 16) % 1500);
        summer.Add(at, piece, [&](std::size_t j) { return x[at + j]; });
        at += piece;
      }
      EXPECT_TRUE(SameBits(summer.Total(), want));
    }
  }
}

COREPOOL_TEST(NaNWinsAndTheFirstNaNIsReported) {
  const std::size_t first_nan = kReduceBlock + 5;
  for (Dtype dtype : {Dtype::kFloat64, Dtype::kFloat32}) {
    const Array a = VisitDtype(dtype, [&](auto zero) {
      using T = decltype(zero);
      std::vector<T> v = RandomValues<T>(kN, 3);
      v[first_nan] = std::numeric_limits<T>::quiet_NaN();
      v[2 * kReduceBlock + 9] = std::numeric_limits<T>::quiet_NaN();
      v[kN - 1] = -std::numeric_limits<T>::infinity();  // would win min without the NaN rule
      return MakeArray(v, dtype);
    });
    EXPECT_TRUE(std::isnan(RunEverywhere("min", &a.op)));
    EXPECT_TRUE(std::isnan(RunEverywhere("max", &a.op)));
    EXPECT_EQ(RunEverywhere("argmin", &a.op), static_cast<double>(first_nan));
    EXPECT_EQ(RunEverywhere("argmax", &a.op), static_cast<double>(first_nan));
  }
}

COREPOOL_TEST(ArgExtremaTiesPickTheFirstPosition) {
  // Ties inside one block and across blocks, the first in block 1.
  const std::size_t positions[] = {2 * kReduceBlock + 3, kReduceBlock + 100, kReduceBlock + 101, kN - 1};
  for (Dtype dtype : {Dtype::kFloat64, Dtype::kInt8, Dtype::kUint16}) {
    const Array a = VisitDtype(dtype, [&](auto zero) {
      using T = decltype(zero);
      std::vector<T> v(kN);
      std::mt19937 rng(9);
      for (T& x : v) x = static_cast<T>(10 + rng() % 50);
      for (std::size_t p : positions) v[p] = static_cast<T>(100);
      v[kN - 2] = static_cast<T>(2);  // the only minimum, in the partial block
      v[7] = static_cast<T>(2);       // ...until this earlier tie
      return MakeArray(v, dtype);
    });
    EXPECT_EQ(RunEverywhere("argmax", &a.op), static_cast<double>(kReduceBlock + 100));
    EXPECT_EQ(RunEverywhere("max", &a.op), 100.0);
    EXPECT_EQ(RunEverywhere("argmin", &a.op), 7.0);
    EXPECT_EQ(RunEverywhere("min", &a.op), 2.0);
  }
}

COREPOOL_TEST(SignedZerosKeepTheFirstOne) {
  std::vector<double> v(kN, 1.0);
  v[kReduceBlock + 5] = -0.0;
  v[2 * kReduceBlock + 1] = 0.0;
  const Array a = MakeArray(v, Dtype::kFloat64);
  const double min = RunEverywhere("min", &a.op);
  EXPECT_TRUE(min == 0.0 && std::signbit(min));
  EXPECT_EQ(RunEverywhere("argmin", &a.op), static_cast<double>(kReduceBlock + 5));
  std::swap(v[kReduceBlock + 5], v[2 * kReduceBlock + 1]);
  const Array b = MakeArray(v, Dtype::kFloat64);
  EXPECT_TRUE(!std::signbit(RunEverywhere("min", &b.op)));
}

COREPOOL_TEST(EmptyInputGivesTheKernelsEmptyValue) {
  const Array a = MakeArray(std::vector<double>{}, Dtype::kFloat64);
  const Operand ops[2] = {a.op, a.op};
  EXPECT_EQ(RunEverywhere("sum", ops), 0.0);
  EXPECT_TRUE(std::isnan(RunEverywhere("mean", ops)));
  EXPECT_EQ(RunEverywhere("dot", ops), 0.0);
  for (const char* name : {"min", "max", "argmin", "argmax"}) {
    const ReduceKernel* k = KernelNamed(name);
    EXPECT_TRUE(k != nullptr && k->empty_is_error);
  }
}

}  // namespace corepool::test

namespace corepool {
namespace {

/// The flat scan of one contiguous line of at most one block, in the order of scans.h.
std::vector<double> FlatScan(ScanOp op, const std::vector<double>& line) {
  ScanCall call;
  call.op = op;
  call.x = Operand{line.data(), line.size(), Dtype::kFloat64};
  std::vector<double> out(line.size());
  call.out = out.data();
  call.length = line.size();
  double totals[kScanSegmentsPerBlock];
  ScanLocal(call, 0, line.size(), out.data(), totals);
  double offsets[kScanSegmentsPerBlock];
  double offset = ScanIdentity(op);
  for (std::size_t s = 0; s < BlockCount(line.size(), kScanSegment); ++s) {
    offsets[s] = offset;
    offset = ScanStep(op, offset, totals[s]);
  }
  ScanApply(call, 0, line.size(), out.data(), offsets);
  return out;
}

}  // namespace

// A panel scans each column exactly as the flat scan of that column copied out.
COREPOOL_TEST(ScanPanelColumnsMatchTheFlatScanOfEachColumn) {
  constexpr std::size_t kRows = 2 * kScanSegment + 77;
  for (const std::size_t cols : {std::size_t{1}, std::size_t{7}}) {
    std::mt19937_64 gen(cols);
    std::uniform_real_distribution<double> dist(0.5, 1.5);
    std::vector<double> x(kRows * cols);
    for (double& v : x) v = dist(gen);
    for (const ScanOp op : {ScanOp::k_cumsum, ScanOp::k_cumprod}) {
      std::vector<double> out(x.size());
      ScanCall call;
      call.op = op;
      call.x = Operand{x.data(), x.size(), Dtype::kFloat64};
      call.out = out.data();
      call.length = x.size();
      std::vector<double> acc(cols), offset(cols);
      ScanPanel(call, 0, kRows, cols, cols, acc.data(), offset.data());
      for (std::size_t j = 0; j < cols; ++j) {
        std::vector<double> line(kRows);
        for (std::size_t i = 0; i < kRows; ++i) line[i] = x[i * cols + j];
        const std::vector<double> want = FlatScan(op, line);
        std::size_t differ = 0;
        for (std::size_t i = 0; i < kRows; ++i)
          differ += std::memcmp(&want[i], &out[i * cols + j], sizeof(double)) != 0;
        EXPECT_EQ(differ, std::size_t{0});
      }
    }
  }
}

}  // namespace corepool
