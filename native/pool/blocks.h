// Block splitting and the fixed combine order shared by every reduction.
// The JS twin is src/kernels/blocks.ts; both must agree to the bit.
#pragma once

#include <cstddef>
#include <vector>

namespace corepool {

/// Elements per reduction block. A block is the unit of parallel work and of
/// summation order, so it is a constant: results never depend on threads.
inline constexpr std::size_t kReduceBlock = 16384;

/// Number of blocks covering [0, n): ceil(n / block), 0 for n == 0.
[[nodiscard]] constexpr std::size_t BlockCount(std::size_t n, std::size_t block) {
  return (n + block - 1) / block;
}

/// Half-open range of block `index`; every block is full except the last.
struct BlockRange {
  std::size_t begin;
  std::size_t end;
};
[[nodiscard]] constexpr BlockRange BlockAt(std::size_t n, std::size_t block, std::size_t index) {
  const std::size_t begin = index * block;
  const std::size_t end = begin + block < n ? begin + block : n;
  return {begin, end};
}

/// Combines parts[lo, hi) as a balanced binary tree split at lo + (hi-lo)/2.
/// The shape depends on the count only; `hi` must be greater than `lo`.
template <typename T, typename Combine>
[[nodiscard]] T TreeCombine(const std::vector<T>& parts, std::size_t lo, std::size_t hi, Combine combine) {
  if (hi - lo == 1) return parts[lo];
  const std::size_t mid = lo + (hi - lo) / 2;
  return combine(TreeCombine(parts, lo, mid, combine), TreeCombine(parts, mid, hi, combine));
}

}  // namespace corepool
