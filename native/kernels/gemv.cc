// Matrix-vector products. Memory-bound: the aim is to stream A once at read
// bandwidth. Lane-wise vector arithmetic (no FMA; this file keeps the
// project's -ffp-contract=off), so every clone gives the same bits.
#include <cstring>

#include "linalg.h"
#include "simd.h"

namespace corepool {
namespace {

template <typename T>
struct Lanes {
  static constexpr int kWidth = 64 / sizeof(T);
  typedef T V __attribute__((vector_size(64)));
  typedef T U __attribute__((vector_size(64), aligned(sizeof(T))));
};

/// dot(row r, x) for R rows at once (R streams in flight hide DRAM latency
/// better than one, and x is loaded once for all). Each row always gets two
/// vector accumulators folded in one fixed order, then the scalar tail, so
/// a row's bits do not depend on how rows are grouped.
template <typename T, int R>
__attribute__((always_inline)) inline void DotRows(const T* a, std::size_t lda, const T* x, std::size_t n, T* out) {
  using L = Lanes<T>;
  using U = typename L::U;
  constexpr std::size_t kW = L::kWidth;
  typename L::V acc[R][2] = {};
  std::size_t i = 0;
  for (; i + 2 * kW <= n; i += 2 * kW) {
    const typename L::V x0 = *reinterpret_cast<const U*>(x + i);
    const typename L::V x1 = *reinterpret_cast<const U*>(x + i + kW);
    for (int r = 0; r < R; ++r) {
      acc[r][0] += *reinterpret_cast<const U*>(a + r * lda + i) * x0;
      acc[r][1] += *reinterpret_cast<const U*>(a + r * lda + i + kW) * x1;
    }
  }
  for (; i + kW <= n; i += kW) {
    for (int r = 0; r < R; ++r)
      acc[r][0] += *reinterpret_cast<const U*>(a + r * lda + i) * *reinterpret_cast<const U*>(x + i);
  }
  for (int r = 0; r < R; ++r) {
    const typename L::V v = acc[r][0] + acc[r][1];
    T lanes[kW];
    std::memcpy(lanes, &v, sizeof(v));
    T s = T(0);
    for (std::size_t l = 0; l < kW; ++l) s += lanes[l];
    for (std::size_t j = i; j < n; ++j) s += a[r * lda + j] * x[j];
    out[r] = s;
  }
}

template <typename T>
__attribute__((always_inline)) inline void RowsBody(
    const T* a, const T* x, T* y, std::size_t n, T alpha, T beta, std::size_t lo, std::size_t hi) {
  constexpr int kGroup = 4;
  T d[kGroup];
  std::size_t i = lo;
  for (; i + kGroup <= hi; i += kGroup) {
    DotRows<T, kGroup>(a + i * n, n, x, n, d);
    for (int r = 0; r < kGroup; ++r) y[i + r] = beta == T(0) ? alpha * d[r] : alpha * d[r] + beta * y[i + r];
  }
  for (; i < hi; ++i) {
    DotRows<T, 1>(a + i * n, n, x, n, d);
    y[i] = beta == T(0) ? alpha * d[0] : alpha * d[0] + beta * y[i];
  }
}

/// A^T x for one strip of at most kStrip columns: acc stays in L1 while A's
/// rows stream past.
constexpr std::size_t kStrip = 512;

template <typename T>
__attribute__((always_inline)) inline void StripBody(
    const T* a, const T* x, T* y, std::size_t m, std::size_t n, T alpha, T beta, std::size_t j0, std::size_t j1) {
  T acc[kStrip] = {};
  const std::size_t w = j1 - j0;
  for (std::size_t i = 0; i < m; ++i) {
    const T xi = x[i];
    const T* row = a + i * n + j0;
    for (std::size_t j = 0; j < w; ++j) acc[j] += xi * row[j];
  }
  for (std::size_t j = 0; j < w; ++j) {
    const T d = alpha * acc[j];
    y[j0 + j] = beta == T(0) ? d : d + beta * y[j0 + j];
  }
}

COREPOOL_CLONES void RowsF64(const double* a,
                             const double* x,
                             double* y,
                             std::size_t n,
                             double alpha,
                             double beta,
                             std::size_t lo,
                             std::size_t hi) {
  RowsBody(a, x, y, n, alpha, beta, lo, hi);
}
COREPOOL_CLONES void RowsF32(
    const float* a, const float* x, float* y, std::size_t n, float alpha, float beta, std::size_t lo, std::size_t hi) {
  RowsBody(a, x, y, n, alpha, beta, lo, hi);
}
COREPOOL_CLONES void StripF64(const double* a,
                              const double* x,
                              double* y,
                              std::size_t m,
                              std::size_t n,
                              double alpha,
                              double beta,
                              std::size_t j0,
                              std::size_t j1) {
  StripBody(a, x, y, m, n, alpha, beta, j0, j1);
}
COREPOOL_CLONES void StripF32(const float* a,
                              const float* x,
                              float* y,
                              std::size_t m,
                              std::size_t n,
                              float alpha,
                              float beta,
                              std::size_t j0,
                              std::size_t j1) {
  StripBody(a, x, y, m, n, alpha, beta, j0, j1);
}

void Rows(const double* a,
          const double* x,
          double* y,
          std::size_t n,
          double alpha,
          double beta,
          std::size_t lo,
          std::size_t hi) {
  RowsF64(a, x, y, n, alpha, beta, lo, hi);
}
void Rows(
    const float* a, const float* x, float* y, std::size_t n, float alpha, float beta, std::size_t lo, std::size_t hi) {
  RowsF32(a, x, y, n, alpha, beta, lo, hi);
}
void Strip(const double* a,
           const double* x,
           double* y,
           std::size_t m,
           std::size_t n,
           double alpha,
           double beta,
           std::size_t j0,
           std::size_t j1) {
  StripF64(a, x, y, m, n, alpha, beta, j0, j1);
}
void Strip(const float* a,
           const float* x,
           float* y,
           std::size_t m,
           std::size_t n,
           float alpha,
           float beta,
           std::size_t j0,
           std::size_t j1) {
  StripF32(a, x, y, m, n, alpha, beta, j0, j1);
}

}  // namespace

template <typename T>
void GemvRows(const T* a, const T* x, T* y, std::size_t n, T alpha, T beta, std::size_t lo, std::size_t hi) {
  Rows(a, x, y, n, alpha, beta, lo, hi);
}

template <typename T>
void GemvColumns(
    const T* a, const T* x, T* y, std::size_t m, std::size_t n, T alpha, T beta, std::size_t lo, std::size_t hi) {
  for (std::size_t j = lo; j < hi; j += kStrip) Strip(a, x, y, m, n, alpha, beta, j, hi - j < kStrip ? hi : j + kStrip);
}

template void GemvRows<double>(
    const double*, const double*, double*, std::size_t, double, double, std::size_t, std::size_t);
template void GemvRows<float>(const float*, const float*, float*, std::size_t, float, float, std::size_t, std::size_t);
template void GemvColumns<double>(
    const double*, const double*, double*, std::size_t, std::size_t, double, double, std::size_t, std::size_t);
template void GemvColumns<float>(
    const float*, const float*, float*, std::size_t, std::size_t, float, float, std::size_t, std::size_t);

}  // namespace corepool
