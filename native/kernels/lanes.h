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

/// LaneSum fed in pieces: Add() takes consecutive runs of one block's values
/// (positions counted from the block's start), Total() gives exactly what
/// LaneSum gives over the whole block. Lets a producer that computes a block
/// a chunk at a time (the expression VM) sum it without storing it.
class LaneSummer {
 public:
  /// `n`: the block's length; its last n % kLanes values are the tail.
  explicit LaneSummer(std::size_t n) : full_(n - n % kLanes), tail_n_(n % kLanes) {}

  /// Adds values [at, at + count) of the block; load(j) is value at + j.
  template <typename Load>
  void Add(std::size_t at, std::size_t count, Load load) {
    // Local accumulators: the loads may point at doubles too, and the
    // compiler would otherwise reload the members after every store.
    double acc[kLanes];
    for (std::size_t l = 0; l < kLanes; ++l) acc[l] = acc_[l];
    std::size_t j = 0;
    // Up to a lane boundary one value at a time, then whole groups of lanes.
    for (; j < count && (at + j) % kLanes != 0 && at + j < full_; ++j) acc[(at + j) % kLanes] += load(j);
    for (; j + kLanes <= count && at + j + kLanes <= full_; j += kLanes) {
      for (std::size_t l = 0; l < kLanes; ++l) acc[l] += load(j + l);
    }
    for (; j < count; ++j) {
      if (at + j < full_) {
        acc[(at + j) % kLanes] += load(j);
      } else {
        tail_[at + j - full_] = load(j);
      }
    }
    for (std::size_t l = 0; l < kLanes; ++l) acc_[l] = acc[l];
  }

  [[nodiscard]] double Total() const {
    double total = FoldLanes(acc_);
    // The tail, in order, after the fold, as LaneSum adds it.
    for (std::size_t k = 0; k < tail_n_; ++k) total += tail_[k];
    return total;
  }

 private:
  std::size_t full_;
  std::size_t tail_n_;
  double acc_[kLanes] = {-0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0};
  double tail_[kLanes] = {};
};

}  // namespace corepool
