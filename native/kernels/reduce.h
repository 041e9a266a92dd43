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

struct ReduceKernel {
  const char* name;
  int arity;
  bool empty_is_error;  ///< numpy raises for min/argmin of nothing
  double empty_value;   ///< result for empty input when that is not an error
  BlockFn block;
  CombineFn combine;
  FinishFn finish;
};

/// Number of kernels in registry.def.
[[nodiscard]] std::size_t ReduceKernelCount();
/// Kernel by wire id, or nullptr when out of range.
[[nodiscard]] const ReduceKernel* FindReduceKernel(std::size_t id);

// Per-file factories, assembled by registry.cc.
#define COREPOOL_REDUCE(name, arity, stem) ReduceKernel Make_##name##_Kernel();
#include "registry.def"
#undef COREPOOL_REDUCE

}  // namespace corepool
