// The contract every reduction kernel fulfils: a pure block function over
// [begin, end), an associative-enough combine applied in a fixed tree order,
// and a finish step. No N-API and no threads here.
#pragma once

#include <cstddef>
#include <cstdint>

#include "dtype.h"

namespace corepool {

/// One block's result. Each kernel uses the fields it needs.
struct Partial {
  double value = 0.0;      ///< float accumulation, or extremum value
  std::int64_t exact = 0;  ///< exact integer sum
  std::int64_t index = 0;  ///< position of the extremum, or a count
  double extra = 0.0;      ///< var: sum of squared deviations from the mean
  double aux = 0.0;        ///< var: the mean's low-order part (the mean is value + aux)
};

using BlockFn = Partial (*)(const Operand* operands, std::size_t begin, std::size_t end);
using CombineFn = Partial (*)(const Partial& left, const Partial& right);
using FinishFn = double (*)(const Partial& total, const Operand* operands);
/// Partials of `cols` (at most kMaxColumns) adjacent unit-stride columns of
/// `a` over `rows` rows `row_stride` elements apart, the first at element
/// `start`: out[c] equals the kernel's block function on column c copied out
/// (positions counted from 0). Reading whole rows streams memory where a
/// per-column gather would not (see reduce_axis.cc).
using ColumnsFn = void (*)(
    const Operand& a, std::int64_t start, std::int64_t row_stride, std::size_t rows, std::size_t cols, Partial* out);

/// The widest panel a ColumnsFn takes: rows long enough to stream (16 KB of
/// doubles), and 8 lanes of accumulators (128 KB) that stay in L2.
inline constexpr std::size_t kMaxColumns = 2048;

struct ReduceKernel {
  const char* name;
  int arity;
  bool empty_is_error;  ///< numpy raises for min/argmin of nothing
  double empty_value;   ///< result for empty input when that is not an error
  BlockFn block;
  CombineFn combine;
  FinishFn finish;
  ColumnsFn columns = nullptr;  ///< optional: the block function over a panel of columns
};

/// Column functions (reduce_columns.cc) of sum/mean and the extrema (Min/Max
/// leave the index 0: min and max never read it).
void SumColumns(
    const Operand& a, std::int64_t start, std::int64_t row_stride, std::size_t rows, std::size_t cols, Partial* out);
void MinColumns(
    const Operand& a, std::int64_t start, std::int64_t row_stride, std::size_t rows, std::size_t cols, Partial* out);
void MaxColumns(
    const Operand& a, std::int64_t start, std::int64_t row_stride, std::size_t rows, std::size_t cols, Partial* out);
void ArgMinColumns(
    const Operand& a, std::int64_t start, std::int64_t row_stride, std::size_t rows, std::size_t cols, Partial* out);
void ArgMaxColumns(
    const Operand& a, std::int64_t start, std::int64_t row_stride, std::size_t rows, std::size_t cols, Partial* out);

/// Number of kernels in registry.def.
[[nodiscard]] std::size_t ReduceKernelCount();
/// Kernel by wire id, or nullptr when out of range.
[[nodiscard]] const ReduceKernel* FindReduceKernel(std::size_t id);

// Per-file factories, assembled by registry.cc.
#define COREPOOL_REDUCE(name, arity, stem) ReduceKernel Make_##name##_Kernel();
#include "registry.def"
#undef COREPOOL_REDUCE

}  // namespace corepool
