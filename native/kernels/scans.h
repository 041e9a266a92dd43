// cumsum and cumprod as a blocked scan. Pure compute, no N-API and no
// threads; the JS twin is src/kernels/scans.ts.
//
// The order every backend follows, over segments of kScanSegment elements:
//   local_i  = running sum (product) of the segment's elements up to i, in
//              index order, starting from the identity (-0, or 1);
//   total_g  = the segment's last local value;
//   offset_0 = identity, offset_{g+1} = offset_g + total_g (g ascending);
//   out_i    = offset_g + local_i, rounded once to the output dtype.
// Accumulation is in double. The offsets chain in one fixed order, so
// results do not depend on threads.
//
// Work is done in blocks of kScanBlock (kScanSegmentsPerBlock segments):
// ScanLocal is pass 1 of a block, ScanApply pass 2 once its offsets are known.
#pragma once

#include <cstddef>

#include "dtype.h"

namespace corepool {

enum class ScanOp : int {
#define COREPOOL_SCAN(name, stem) k_##name,
#include "scans.def"
#undef COREPOOL_SCAN
  kCount,
};

inline constexpr std::size_t kScanSegment = 2048;
inline constexpr std::size_t kScanSegmentsPerBlock = 8;
inline constexpr std::size_t kScanBlock = kScanSegment * kScanSegmentsPerBlock;

struct ScanCall {
  ScanOp op = ScanOp::k_cumsum;
  Operand x;
  void* out = nullptr;  ///< float64, or float32 for float32 input
  Dtype out_dtype = Dtype::kFloat64;
  std::size_t length = 0;
};

/// The identity offset_0 of `op`.
[[nodiscard]] double ScanIdentity(ScanOp op);
/// offset_g op total_g: one step of the offset chain.
[[nodiscard]] double ScanStep(ScanOp op, double offset, double total);
/// Pass 1 of the block [begin, end): local_i into local[0, end - begin) (which
/// may be the float64 `out` itself, even when that aliases x) and each
/// segment's total into totals[0, segments).
void ScanLocal(const ScanCall& call, std::size_t begin, std::size_t end, double* local, double* totals);
/// Pass 2: out[begin + i] = offsets[i / kScanSegment] op local[i].
void ScanApply(const ScanCall& call, std::size_t begin, std::size_t end, const double* local, const double* offsets);

/// Columns per panel of a scan along a non-last axis: the panel's running
/// sums and offsets (2 x 512 doubles) stay in L1 while rows stream past.
inline constexpr std::size_t kScanPanel = 512;

/// Scans `width` independent lines side by side, each of n elements: line j
/// reads x[base + i * stride + j] and writes out at the same position, in
/// the order above (segments of kScanSegment along i), so every line is
/// bit-identical to the flat scan of that line copied out contiguous. Rows
/// are visited in order, each row vectorised across the lines: the same
/// additions in the same order as a per-line loop, but cache-friendly.
/// `acc` and `offset` are scratch of `width` doubles. out may alias x
/// position for position (each element is read before it is written).
void ScanPanel(const ScanCall& call,
               std::size_t base,
               std::size_t n,
               std::size_t stride,
               std::size_t width,
               double* acc,
               double* offset);

}  // namespace corepool
