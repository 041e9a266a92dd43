// Block functions over a panel of adjacent columns (ColumnsFn in reduce.h),
// for the column reductions of reduce_axis.cc: rows are read whole, as
// numpy's axis-0 loop reads them, while each column gets exactly the partial
// the flat block function gives its copied-out line. Sums replay the 8-lane
// order of lanes.h per column; extrema keep the first NaN, else the first
// position of the extreme, as extrema.cc does.
#include <cstdint>
#include <type_traits>
#include <vector>

#include "lanes.h"
#include "reduce.h"
#include "simd.h"

namespace corepool {
namespace {

// Inlined into each target clone below, so the loops vectorize for AVX2 and
// AVX-512 too; __restrict tells the compiler rows and accumulators never alias.
#define COREPOOL_INLINE inline __attribute__((always_inline))

template <typename T>
COREPOOL_INLINE void FloatSum(const T* x, std::int64_t rs, std::size_t rows, std::size_t cols, Partial* out) {
  // On the heap: 8 lanes of kMaxColumns doubles are too large for a worker_thread's stack.
  thread_local std::vector<double> lanes_buffer(kLanes * kMaxColumns);
  double* const acc[kLanes] = {&lanes_buffer[0 * kMaxColumns],
                               &lanes_buffer[1 * kMaxColumns],
                               &lanes_buffer[2 * kMaxColumns],
                               &lanes_buffer[3 * kMaxColumns],
                               &lanes_buffer[4 * kMaxColumns],
                               &lanes_buffer[5 * kMaxColumns],
                               &lanes_buffer[6 * kMaxColumns],
                               &lanes_buffer[7 * kMaxColumns]};
  for (std::size_t j = 0; j < kLanes; ++j) {
    for (std::size_t c = 0; c < cols; ++c) acc[j][c] = -0.0;
  }
  std::size_t i = 0;
  for (; i + kLanes <= rows; i += kLanes) {
    for (std::size_t j = 0; j < kLanes; ++j) {
      const T* __restrict row = x + static_cast<std::int64_t>(i + j) * rs;
      double* __restrict lane = acc[j];
      for (std::size_t c = 0; c < cols; ++c) lane[c] += static_cast<double>(row[c]);
    }
  }
  for (std::size_t c = 0; c < cols; ++c) {
    const double lanes[kLanes] = {
        acc[0][c], acc[1][c], acc[2][c], acc[3][c], acc[4][c], acc[5][c], acc[6][c], acc[7][c]};
    out[c] = Partial{};
    out[c].value = FoldLanes(lanes);
  }
  for (; i < rows; ++i) {
    const T* row = x + static_cast<std::int64_t>(i) * rs;
    for (std::size_t c = 0; c < cols; ++c) out[c].value += static_cast<double>(row[c]);
  }
}

// Integer sums are exact in int64, so any order gives SumBlock's total.
template <typename T>
COREPOOL_INLINE void IntSum(const T* x, std::int64_t rs, std::size_t rows, std::size_t cols, Partial* out) {
  std::int64_t acc[kMaxColumns] = {};
  for (std::size_t i = 0; i < rows; ++i) {
    const T* __restrict row = x + static_cast<std::int64_t>(i) * rs;
    for (std::size_t c = 0; c < cols; ++c) acc[c] += row[c];
  }
  for (std::size_t c = 0; c < cols; ++c) {
    out[c] = Partial{};
    out[c].exact = acc[c];
  }
}

template <typename T>
COREPOOL_INLINE void Sum(const T* x, std::int64_t rs, std::size_t rows, std::size_t cols, Partial* out) {
  if constexpr (std::is_floating_point_v<T>) {
    FloatSum(x, rs, rows, cols, out);
  } else {
    IntSum(x, rs, rows, cols, out);
  }
}

// min and max finish from the value alone (ties keep the left block, whose
// value compares equal), so they skip the positions argmin/argmax track.
template <bool kMax, bool kIndex, typename T>
COREPOOL_INLINE void Extreme(const T* x, std::int64_t rs, std::size_t rows, std::size_t cols, Partial* out) {
  T best[kMaxColumns];
  std::int64_t at[kIndex ? kMaxColumns : 1] = {};
  for (std::size_t c = 0; c < cols; ++c) best[c] = x[c];
  if constexpr (kIndex) {
    for (std::size_t c = 0; c < cols; ++c) at[c] = 0;
  }
  for (std::size_t i = 1; i < rows; ++i) {
    const T* __restrict row = x + static_cast<std::int64_t>(i) * rs;
    for (std::size_t c = 0; c < cols; ++c) {
      const T v = row[c];
      bool take = kMax ? v > best[c] : v < best[c];
      // The first NaN wins; once best is a NaN nothing compares better.
      if constexpr (std::is_floating_point_v<T>) take = take || (v != v && best[c] == best[c]);
      best[c] = take ? v : best[c];
      if constexpr (kIndex) at[c] = take ? static_cast<std::int64_t>(i) : at[c];
    }
  }
  for (std::size_t c = 0; c < cols; ++c) out[c] = {static_cast<double>(best[c]), 0, kIndex ? at[c] : 0};
}

// A switch, not VisitDtype: a lambda would be compiled once, outside the
// clones, and lose the wide vectors.
#define COREPOOL_ON_DTYPE(a, start, CALL)                                                                              \
  switch ((a).dtype) {                                                                                                 \
    case Dtype::kFloat64:                                                                                              \
      CALL((a).As<double>() + (start));                                                                                \
      break;                                                                                                           \
    case Dtype::kFloat32:                                                                                              \
      CALL((a).As<float>() + (start));                                                                                 \
      break;                                                                                                           \
    case Dtype::kInt32:                                                                                                \
      CALL((a).As<std::int32_t>() + (start));                                                                          \
      break;                                                                                                           \
    case Dtype::kUint32:                                                                                               \
      CALL((a).As<std::uint32_t>() + (start));                                                                         \
      break;                                                                                                           \
    case Dtype::kInt16:                                                                                                \
      CALL((a).As<std::int16_t>() + (start));                                                                          \
      break;                                                                                                           \
    case Dtype::kUint16:                                                                                               \
      CALL((a).As<std::uint16_t>() + (start));                                                                         \
      break;                                                                                                           \
    case Dtype::kInt8:                                                                                                 \
      CALL((a).As<std::int8_t>() + (start));                                                                           \
      break;                                                                                                           \
    case Dtype::kUint8:                                                                                                \
    case Dtype::kUint8Clamped:                                                                                         \
      CALL((a).As<std::uint8_t>() + (start));                                                                          \
      break;                                                                                                           \
  }

}  // namespace

COREPOOL_CLONES void SumColumns(
    const Operand& a, std::int64_t start, std::int64_t rs, std::size_t rows, std::size_t cols, Partial* out){
#define COREPOOL_SUM(x) Sum(x, rs, rows, cols, out)
    COREPOOL_ON_DTYPE(a, start, COREPOOL_SUM)
#undef COREPOOL_SUM
}

COREPOOL_CLONES void MinColumns(
    const Operand& a, std::int64_t start, std::int64_t rs, std::size_t rows, std::size_t cols, Partial* out){
#define COREPOOL_MIN(x) Extreme<false, false>(x, rs, rows, cols, out)
    COREPOOL_ON_DTYPE(a, start, COREPOOL_MIN)
#undef COREPOOL_MIN
}

COREPOOL_CLONES void MaxColumns(
    const Operand& a, std::int64_t start, std::int64_t rs, std::size_t rows, std::size_t cols, Partial* out){
#define COREPOOL_MAX(x) Extreme<true, false>(x, rs, rows, cols, out)
    COREPOOL_ON_DTYPE(a, start, COREPOOL_MAX)
#undef COREPOOL_MAX
}

COREPOOL_CLONES void ArgMinColumns(
    const Operand& a, std::int64_t start, std::int64_t rs, std::size_t rows, std::size_t cols, Partial* out){
#define COREPOOL_ARGMIN(x) Extreme<false, true>(x, rs, rows, cols, out)
    COREPOOL_ON_DTYPE(a, start, COREPOOL_ARGMIN)
#undef COREPOOL_ARGMIN
}

COREPOOL_CLONES void ArgMaxColumns(
    const Operand& a, std::int64_t start, std::int64_t rs, std::size_t rows, std::size_t cols, Partial* out) {
#define COREPOOL_ARGMAX(x) Extreme<true, true>(x, rs, rows, cols, out)
  COREPOOL_ON_DTYPE(a, start, COREPOOL_ARGMAX)
#undef COREPOOL_ARGMAX
}

}  // namespace corepool
