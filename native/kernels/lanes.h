// The 8-lane accumulation order used by every floating-point sum-like kernel.
//
// Lane j adds elements j, j+8, j+16, ... of the block; the lanes are then
// folded as ((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7)) and the tail (< 8 elements)
// is added one by one. This order is written out in scalar code so that any
// vector width (SSE2, AVX2 as 2x4, AVX-512 as 1x8) and the JS twin in
// src/kernels/lanes.ts produce the same bits. Builds use -ffp-contract=off so
// no a*b+c becomes an FMA behind our back.
#pragma once

#include <cstddef>

namespace corepool {

inline constexpr std::size_t kLanes = 8;

[[nodiscard]] inline double FoldLanes(const double* acc) {
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

/// Sum of Load(i) over [0, n) in lane order; Load converts to double.
template <typename Load>
[[nodiscard]] inline double LaneSum(std::size_t n, Load load) {
  // -0.0 is the exact additive identity: a block of -0.0 sums to -0.0.
  double acc[kLanes] = {-0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0};
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (std::size_t j = 0; j < kLanes; ++j) acc[j] += load(i + j);
  }
  double total = FoldLanes(acc);
  for (; i < n; ++i) total += load(i);
  return total;
}

}  // namespace corepool
