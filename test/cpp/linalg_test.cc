// GEMM, gemv, transpose and outer: accuracy against a long double reference
// with bounds that scale with k, BLAS special-value semantics, every kernel
// family (each is callable on any CPU: its clone falls back to the default),
// and bit-identical results for every pool size.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "binding/gemm_driver.h"
#include "binding/linalg_driver.h"
#include "harness.h"
#include "pool/thread_pool.h"

namespace corepool::test {
namespace {

struct Shape {
  std::size_t m, k, n;
};
// Empty, unit, thin, edge tiles around every mr/nr, and k deeper than kc.
constexpr Shape kShapes[] = {{0, 0, 0},
                             {0, 3, 2},
                             {3, 0, 2},
                             {2, 3, 0},
                             {1, 1, 1},
                             {1, 7, 1},
                             {5, 1, 9},
                             {1, 300, 70},
                             {70, 300, 1},
                             {17, 33, 29},
                             {37, 520, 53},
                             {200, 5, 3},
                             {3, 5, 130},
                             {130, 260, 97}};

template <typename T>
std::vector<T> Random(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  std::vector<T> v(n);
  for (T& x : v) x = static_cast<T>(dist(rng));
  return v;
}

/// Checks C against alpha*op(A)*op(B) + beta*C0 computed in long double:
/// |err| <= 2 (k + 2) eps (|alpha| sum |a||b| + |beta c0|).
template <typename T>
bool CheckGemm(const GemmArgs<T>& g, const std::vector<T>& c0, const std::vector<T>& c) {
  const long double eps = std::numeric_limits<T>::epsilon();
  for (std::size_t i = 0; i < g.m; ++i) {
    for (std::size_t j = 0; j < g.n; ++j) {
      long double sum = 0, mag = 0;
      for (std::size_t p = 0; p < g.k; ++p) {
        const long double a = g.trans_a ? g.a[p * g.m + i] : g.a[i * g.k + p];
        const long double b = g.trans_b ? g.b[j * g.k + p] : g.b[p * g.n + j];
        sum += a * b;
        mag += std::fabs(a * b);
      }
      const long double old = g.beta == T(0) ? 0 : static_cast<long double>(g.beta) * c0[i * g.n + j];
      const long double ref = static_cast<long double>(g.alpha) * sum + old;
      const long double bound =
          2 * (g.k + 2) * eps * (std::fabs(static_cast<long double>(g.alpha)) * mag + std::fabs(old));
      if (!(std::fabs(c[i * g.n + j] - ref) <= bound)) return false;
    }
  }
  return true;
}

template <typename T>
void GemmAccuracyFor(GemmIsa isa) {
  const T scalars[][2] = {{1, 0}, {T(2.5), T(-0.5)}, {T(-1), 1}};
  for (const Shape& s : kShapes) {
    const std::vector<T> a = Random<T>(s.m * s.k, 1), b = Random<T>(s.k * s.n, 2), c0 = Random<T>(s.m * s.n, 3);
    for (int t = 0; t < 4; ++t) {
      for (const auto& ab : scalars) {
        std::vector<T> c = c0;
        GemmArgs<T> g{a.data(), b.data(), c.data(), s.m, s.k, s.n, (t & 1) != 0, (t & 2) != 0, ab[0], ab[1]};
        EXPECT_TRUE(Gemm(g, ThreadPool::Shared(), isa, nullptr));
        if (!CheckGemm(g, c0, c)) {
          ReportFailure(__FILE__,
                        __LINE__,
                        "gemm mismatch isa " + Show(static_cast<int>(isa)) + " m " + Show(s.m) + " k " + Show(s.k) +
                            " n " + Show(s.n) + " trans " + Show(t) + " alpha " + Show(ab[0]));
        }
      }
    }
  }
}

COREPOOL_TEST(GemmMatchesLongDoubleReferenceEveryFamily) {
  for (int isa = 0; isa < kGemmIsaCount; ++isa) {
    GemmAccuracyFor<double>(static_cast<GemmIsa>(isa));
    GemmAccuracyFor<float>(static_cast<GemmIsa>(isa));
  }
}

COREPOOL_TEST(GemmBetaZeroNeverReadsC) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int isa = 0; isa < kGemmIsaCount; ++isa) {
    const std::vector<double> a = Random<double>(13 * 40, 4), b = Random<double>(40 * 31, 5);
    std::vector<double> c(13 * 31, nan);
    GemmArgs<double> g{a.data(), b.data(), c.data(), 13, 40, 31, false, false, 1.0, 0.0};
    EXPECT_TRUE(Gemm(g, ThreadPool::Shared(), static_cast<GemmIsa>(isa), nullptr));
    for (double v : c) EXPECT_TRUE(std::isfinite(v));
    // alpha == 0 with beta == 0 zeroes C without reading A or C.
    std::vector<double> an(a.size(), nan);
    g.a = an.data();
    g.alpha = 0.0;
    std::fill(c.begin(), c.end(), nan);
    EXPECT_TRUE(Gemm(g, ThreadPool::Shared(), static_cast<GemmIsa>(isa), nullptr));
    for (double v : c) EXPECT_EQ(v, 0.0);
  }
}

COREPOOL_TEST(GemmAlphaZeroOrEmptyKScalesC) {
  const std::vector<double> a = Random<double>(6 * 4, 6), b = Random<double>(4 * 5, 7);
  for (double beta : {1.0, 2.0}) {
    std::vector<double> c = Random<double>(30, 8), c0 = c;
    GemmArgs<double> g{a.data(), b.data(), c.data(), 6, 4, 5, false, false, 0.0, beta};
    EXPECT_TRUE(Gemm(g, ThreadPool::Shared(), nullptr));
    for (std::size_t i = 0; i < c.size(); ++i) EXPECT_EQ(c[i], beta * c0[i]);
    g.alpha = 1.0;
    g.k = 0;
    c = c0;
    EXPECT_TRUE(Gemm(g, ThreadPool::Shared(), nullptr));
    for (std::size_t i = 0; i < c.size(); ++i) EXPECT_EQ(c[i], beta * c0[i]);
  }
}

COREPOOL_TEST(GemmPropagatesNaNAndInf) {
  const double inf = std::numeric_limits<double>::infinity();
  for (int isa = 0; isa < kGemmIsaCount; ++isa) {
    std::vector<double> a(9 * 30, 1.0), b(30 * 27, 1.0), c(9 * 27, 0.0);
    a[4 * 30 + 7] = std::numeric_limits<double>::quiet_NaN();
    b[11 * 27 + 20] = inf;
    GemmArgs<double> g{a.data(), b.data(), c.data(), 9, 30, 27, false, false, 1.0, 0.0};
    EXPECT_TRUE(Gemm(g, ThreadPool::Shared(), static_cast<GemmIsa>(isa), nullptr));
    for (std::size_t i = 0; i < 9; ++i) {
      for (std::size_t j = 0; j < 27; ++j) {
        const double v = c[i * 27 + j];
        if (i == 4)
          EXPECT_TRUE(std::isnan(v));
        else if (j == 20)
          EXPECT_EQ(v, inf);
        else
          EXPECT_EQ(v, 30.0);
      }
    }
  }
}

template <typename T>
void GemmSameBitsFor(bool ta, bool tb) {
  const std::size_t m = 203, k = 611, n = 157;
  const std::vector<T> a = Random<T>(m * k, 9), b = Random<T>(k * n, 10), c0 = Random<T>(m * n, 11);
  std::vector<T> first;
  for (std::size_t threads : {1, 2, 3}) {
    ThreadPool pool(threads);
    std::vector<T> c = c0;
    GemmArgs<T> g{a.data(), b.data(), c.data(), m, k, n, ta, tb, T(1.5), T(0.25)};
    EXPECT_TRUE(Gemm(g, pool, nullptr));
    if (first.empty())
      first = c;
    else
      EXPECT_TRUE(std::memcmp(first.data(), c.data(), c.size() * sizeof(T)) == 0);
  }
}

COREPOOL_TEST(GemmSameBitsForPoolSizes123) {
  for (int t = 0; t < 4; ++t) {
    GemmSameBitsFor<double>(t & 1, t & 2);
    GemmSameBitsFor<float>(t & 1, t & 2);
  }
}

/// Every item of a batch (a broadcast over b: offsets repeat) has the bits of
/// Gemm on that item alone, for pool sizes 1 to 3 and both batch strategies
/// (few items, each parallel; many items, one per task).
template <typename T>
void GemmBatchSameBitsFor(std::size_t count) {
  const std::size_t m = 37, k = 140, n = 29;
  const std::vector<T> a = Random<T>(count * m * k, 13), b = Random<T>(2 * k * n, 14);
  std::vector<T> want(count * m * n);
  for (std::size_t i = 0; i < count; ++i) {
    GemmArgs<T> one{
        a.data() + i * m * k, b.data() + (i % 2) * k * n, want.data() + i * m * n, m, k, n, false, true, T(1), T(0)};
    EXPECT_TRUE(Gemm(one, ThreadPool::Shared(), nullptr));
  }
  for (std::size_t threads : {1, 2, 3}) {
    ThreadPool pool(threads);
    std::vector<T> c(count * m * n);
    GemmBatchArgs<T> g;
    g.base = GemmArgs<T>{a.data(), b.data(), c.data(), m, k, n, false, true, T(1), T(0)};
    for (std::size_t i = 0; i < count; ++i) {
      g.a_offsets.push_back(i * m * k);
      g.b_offsets.push_back((i % 2) * k * n);
    }
    EXPECT_TRUE(GemmBatch(g, pool, nullptr));
    EXPECT_TRUE(std::memcmp(want.data(), c.data(), c.size() * sizeof(T)) == 0);
  }
}

COREPOOL_TEST(GemmBatchItemsMatchGemmForPoolSizes123) {
  for (std::size_t count : {1, 3, 9}) {
    GemmBatchSameBitsFor<double>(count);
    GemmBatchSameBitsFor<float>(count);
  }
}

COREPOOL_TEST(GemmStopsWhenAsked) {
  const std::vector<double> a = Random<double>(64 * 64, 12), b = a;
  std::vector<double> c(64 * 64);
  GemmArgs<double> g{a.data(), b.data(), c.data(), 64, 64, 64, false, false, 1.0, 0.0};
  EXPECT_TRUE(!Gemm(g, ThreadPool::Shared(), [] { return true; }));
}

template <typename T>
void GemvCase(std::size_t m, std::size_t n, bool trans, T alpha, T beta) {
  const std::vector<T> a = Random<T>(m * n, 13), x = Random<T>(trans ? m : n, 14);
  const std::size_t ny = trans ? n : m, inner = trans ? m : n;
  const std::vector<T> y0 = Random<T>(ny, 15);
  std::vector<T> first;
  for (std::size_t threads : {1, 2, 3}) {
    ThreadPool pool(threads);
    std::vector<T> y = y0;
    if (beta == T(0)) std::fill(y.begin(), y.end(), std::numeric_limits<T>::quiet_NaN());
    EXPECT_TRUE(Gemv(a.data(), x.data(), y.data(), m, n, trans, alpha, beta, pool, nullptr));
    if (first.empty())
      first = y;
    else
      EXPECT_TRUE(std::memcmp(first.data(), y.data(), y.size() * sizeof(T)) == 0);
  }
  const long double eps = std::numeric_limits<T>::epsilon();
  for (std::size_t i = 0; i < ny; ++i) {
    long double sum = 0, mag = 0;
    for (std::size_t p = 0; p < inner; ++p) {
      const long double v = static_cast<long double>(trans ? a[p * n + i] : a[i * n + p]) * x[p];
      sum += v;
      mag += std::fabs(v);
    }
    const long double old = beta == T(0) ? 0 : static_cast<long double>(beta) * y0[i];
    const long double ref = alpha * sum + old;
    const long double bound =
        2 * (inner + 2) * eps * (std::fabs(static_cast<long double>(alpha)) * mag + std::fabs(old));
    if (!(std::fabs(first[i] - ref) <= bound)) {
      ReportFailure(__FILE__, __LINE__, "gemv mismatch m " + Show(m) + " n " + Show(n) + " trans " + Show(trans));
      return;
    }
  }
}

COREPOOL_TEST(GemvMatchesReferenceAndPoolSizes) {
  const std::size_t shapes[][2] = {{0, 5}, {5, 0}, {1, 1}, {3, 70}, {70, 3}, {129, 1031}, {1500, 17}, {17, 1500}};
  for (const auto& s : shapes) {
    for (bool trans : {false, true}) {
      GemvCase<double>(s[0], s[1], trans, 1.0, 0.0);
      GemvCase<double>(s[0], s[1], trans, -2.0, 0.5);
      GemvCase<float>(s[0], s[1], trans, 1.0f, 0.0f);
      GemvCase<float>(s[0], s[1], trans, 0.5f, 3.0f);
    }
  }
}

template <typename T>
void TransposeCase(std::size_t rows, std::size_t cols, bool in_place) {
  std::vector<T> a(rows * cols);
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<T>(i * 2654435761u + 1);
  std::vector<T> out = in_place ? a : std::vector<T>(a.size());
  const std::vector<T> src = a;
  EXPECT_TRUE(Transpose(in_place ? out.data() : a.data(), out.data(), rows, cols, ThreadPool::Shared(), nullptr));
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) {
      if (out[j * rows + i] != src[i * cols + j]) {
        ReportFailure(__FILE__, __LINE__, "transpose " + Show(rows) + "x" + Show(cols) + " in place " + Show(in_place));
        return;
      }
    }
  }
}

COREPOOL_TEST(TransposeInAndOutOfPlace) {
  const std::size_t shapes[][2] = {{0, 4},
                                   {1, 1},
                                   {1, 9},
                                   {9, 1},
                                   {31, 31},
                                   {32, 32},
                                   {33, 33},
                                   {100, 100},
                                   {128, 128},
                                   {130, 130},
                                   {3, 5},
                                   {70, 33},
                                   {64, 200},
                                   {257, 1000}};
  for (const auto& s : shapes) {
    for (bool in_place : {false, true}) {
      TransposeCase<std::uint64_t>(s[0], s[1], in_place);
      TransposeCase<std::uint32_t>(s[0], s[1], in_place);
    }
  }
}

COREPOOL_TEST(OuterProduct) {
  for (std::size_t nx : {0, 1, 7, 300}) {
    for (std::size_t ny : {0, 1, 13, 5000}) {
      const std::vector<double> x = Random<double>(nx, 16), y = Random<double>(ny, 17);
      std::vector<double> out(nx * ny);
      EXPECT_TRUE(Outer(x.data(), y.data(), out.data(), nx, ny, ThreadPool::Shared(), nullptr));
      for (std::size_t i = 0; i < nx; ++i) {
        for (std::size_t j = 0; j < ny; ++j) EXPECT_EQ(out[i * ny + j], x[i] * y[j]);
      }
    }
  }
}

}  // namespace
}  // namespace corepool::test
