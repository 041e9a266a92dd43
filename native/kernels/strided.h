// n-dimensional operands as the kernels see them: one shape shared by up to
// four operands, each with its own offset and strides in elements (0 on a
// broadcast axis, negative on a reversed one). The JS side has already
// broadcast the operands and merged axes that are contiguous in all of them,
// so the last axis is usually long. No N-API and no threads here.
#pragma once

#include <cstddef>
#include <cstdint>

namespace corepool {

/// numpy's limit on dimensions.
inline constexpr int kMaxDims = 32;
/// An output and up to three inputs.
inline constexpr int kMaxStridedOperands = 4;

struct Geometry {
  int ndim = 1;
  int operands = 0;
  std::int64_t shape[kMaxDims] = {};
  std::int64_t offset[kMaxStridedOperands] = {};
  std::int64_t strides[kMaxStridedOperands][kMaxDims] = {};

  /// Number of elements: the product of `shape`.
  [[nodiscard]] std::size_t Size() const {
    std::size_t size = 1;
    for (int d = 0; d < ndim; ++d) size *= static_cast<std::size_t>(shape[d]);
    return size;
  }
};

/// Calls `segment(pos, n)` for each run of elements [begin, end) in C order
/// that lies along the last axis, where pos[p] is operand p's position (in
/// elements) of the run's first element. Walks an odometer over the outer
/// axes, so a block costs one division per axis however many runs it has.
template <typename Segment>
void ForEachSegment(const Geometry& g, std::size_t begin, std::size_t end, Segment&& segment) {
  if (begin >= end) return;
  const int last = g.ndim - 1;
  std::int64_t index[kMaxDims];
  std::int64_t pos[kMaxStridedOperands];
  for (int p = 0; p < g.operands; ++p) pos[p] = g.offset[p];
  std::size_t rest = begin;
  for (int d = last; d >= 0; --d) {
    const auto extent = static_cast<std::size_t>(g.shape[d]);
    index[d] = static_cast<std::int64_t>(rest % extent);
    rest /= extent;
    for (int p = 0; p < g.operands; ++p) pos[p] += index[d] * g.strides[p][d];
  }
  for (std::size_t at = begin; at < end;) {
    const auto room = static_cast<std::size_t>(g.shape[last] - index[last]);
    const std::size_t n = end - at < room ? end - at : room;
    segment(static_cast<const std::int64_t*>(pos), n);
    at += n;
    if (at >= end) break;
    // Step past the run: rewind the last axis, then carry into the outer ones.
    for (int p = 0; p < g.operands; ++p) pos[p] -= index[last] * g.strides[p][last];
    index[last] = 0;
    for (int d = last - 1; d >= 0; --d) {
      for (int p = 0; p < g.operands; ++p) pos[p] += g.strides[p][d];
      if (++index[d] < g.shape[d]) break;
      for (int p = 0; p < g.operands; ++p) pos[p] -= index[d] * g.strides[p][d];
      index[d] = 0;
    }
  }
}

}  // namespace corepool
