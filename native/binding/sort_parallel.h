// Parallel phases of the stable radix sort (no N-API): an MSD pass over a
// large range runs per-chunk histograms and a chunk-ordered scatter on every
// pool thread; its buckets are then sorted in cache (kernels/sort_radix.h),
// spread over the threads, and very large buckets recurse in parallel.
// Chunk boundaries never affect the result: each step is stable, and a stable
// sort has exactly one output.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <limits>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "../kernels/sort_radix.h"
#include "../kernels/sort_thresholds.h"
#include "../pool/parallel.h"
#include "../pool/thread_pool.h"
#include "sort_driver.h"

namespace corepool::sort {

/// Frees Scratch memory (it comes from aligned_alloc).
struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};
template <typename T>
using ScratchPtr = std::unique_ptr<T[], FreeDeleter>;

/// Uninitialised scratch of n elements (the first pass writes every one).
/// Large buffers are 2 MiB aligned and advised to use transparent huge
/// pages: first-touch faults on a fresh 80 MB buffer otherwise cost ~15% of
/// a 1e7-element sort. Throws std::bad_alloc like any allocation.
template <typename T>
[[nodiscard]] ScratchPtr<T> Scratch(std::size_t n) {
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  const std::size_t bytes = (n == 0 ? 1 : n) * sizeof(T);
  if (bytes > std::numeric_limits<std::size_t>::max() / 2) throw std::bad_alloc();
  const bool huge = bytes >= 2 * kHuge;
  const std::size_t align = huge ? kHuge : alignof(std::max_align_t);
  void* p = std::aligned_alloc(align, (bytes + align - 1) / align * align);
  if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (huge) madvise(p, (bytes + align - 1) / align * align, MADV_HUGEPAGE);  // advice only: failure is harmless
#endif
  return ScratchPtr<T>(static_cast<T*>(p));
}

/// [lo, hi) of chunk c when [0, n) is cut into `chunks` near-equal parts.
struct ChunkRange {
  std::size_t lo;
  std::size_t hi;
};
[[nodiscard]] inline ChunkRange ChunkOf(std::size_t n, std::size_t chunks, std::size_t c) {
  const std::size_t base = n / chunks;
  const std::size_t extra = n % chunks;  // the first `extra` chunks get one more
  const std::size_t lo = c * base + std::min(c, extra);
  return {lo, lo + base + (c < extra ? 1 : 0)};
}

/// Chunks of a parallel pass over n elements: enough to keep every thread
/// busy, few enough that each histogram is amortised.
[[nodiscard]] inline std::size_t PassChunks(ThreadPool& pool, std::size_t n) {
  return std::max<std::size_t>(1, std::min(n / kChunk, pool.size() * kChunksPerThread));
}

[[nodiscard]] inline bool Stopped(const SortStop* stop) {
  return stop != nullptr && *stop && (*stop)();
}

template <typename I>
[[nodiscard]] inline I* Advance(I* p, std::size_t off) {
  return kHasIdx<I> ? p + off : p;  // NoIdx lanes are null: never offset them
}

/// One parallel MSD pass of digit [shift, shift + digit) from (keys, idx) to
/// (tmp_keys, tmp_idx). Returns the bucket ends, or an empty vector when the
/// digit is the same for every key (nothing moved).
template <typename K, typename I>
std::vector<std::size_t> ParallelPass(
    ThreadPool& pool, const K* keys, const I* idx, K* tmp_keys, I* tmp_idx, std::size_t n, int shift, int digit) {
  const std::size_t buckets = std::size_t{1} << digit;
  const unsigned mask = static_cast<unsigned>(buckets - 1);
  const std::size_t chunks = PassChunks(pool, n);
  std::vector<std::size_t> hist(chunks * buckets, 0);
  ParallelFor(pool, 0, chunks, 1, [&](std::size_t c, std::size_t) {
    const ChunkRange r = ChunkOf(n, chunks, c);
    HistogramRange(keys, r.lo, r.hi, shift, mask, &hist[c * buckets]);
  });
  std::vector<std::size_t> ends(buckets, 0);
  std::size_t base = 0;
  for (std::size_t d = 0; d < buckets; ++d) {  // chunk order inside a digit keeps the pass stable
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::size_t count = hist[c * buckets + d];
      hist[c * buckets + d] = base;
      base += count;
    }
    ends[d] = base;
  }
  const std::size_t first = (keys[0] >> shift) & mask;
  if (ends[first] - (first == 0 ? 0 : ends[first - 1]) == n) return {};
  ParallelFor(pool, 0, chunks, 1, [&](std::size_t c, std::size_t) {
    const ChunkRange r = ChunkOf(n, chunks, c);
    ScatterRange(keys, idx, r.lo, r.hi, shift, mask, tmp_keys, tmp_idx, &hist[c * buckets], n);
  });
  return ends;
}

/// Emits [0, n) of (keys, idx) in parallel chunks (an all-equal range).
template <typename K, typename I, typename Emit>
void EmitParallel(ThreadPool& pool, K* keys, I* idx, std::size_t pos, std::size_t n, Emit& emit) {
  ParallelFor(pool, 0, n, kChunk, [&](std::size_t lo, std::size_t hi) {
    emit(keys + lo, Advance(idx, lo), pos + lo, hi - lo);
  });
}

/// Stable sort of the n lanes at (keys, idx), whose bits at and above `bits`
/// are all equal, with scratch (tmp_keys, tmp_idx); every finished run goes
/// to emit(keys, idx, global_pos, count), from any thread.
template <typename K, typename I, typename Emit>
void ParallelRadix(ThreadPool& pool,
                   K* keys,
                   I* idx,
                   K* tmp_keys,
                   I* tmp_idx,
                   std::size_t pos,
                   std::size_t n,
                   int bits,
                   Emit& emit,
                   const SortStop* stop) {
  if (n < kParallelMin) {
    if (!Stopped(stop)) SortBucket(keys, idx, tmp_keys, tmp_idx, pos, n, bits, emit);
    return;
  }
  std::vector<std::size_t> ends;
  int shift = 0;
  while (ends.empty()) {
    if (bits <= 0) return EmitParallel(pool, keys, idx, pos, n, emit);
    if (Stopped(stop)) return;
    const int digit = std::min(bits, sizeof(K) == 8 ? kTopDigit64 : kOuterDigit);
    shift = bits - digit;
    ends = ParallelPass(pool, keys, idx, tmp_keys, tmp_idx, n, shift, digit);
    bits = shift;
  }
  // Buckets in tmp: large ones recurse with every thread, the rest are
  // spread over the threads largest first.
  std::vector<std::pair<std::size_t, std::size_t>> small;  // (size, offset)
  std::vector<std::pair<std::size_t, std::size_t>> large;
  std::size_t off = 0;
  for (const std::size_t end : ends) {
    const std::size_t c = end - off;
    const bool big = c >= kParallelMin && c * pool.size() * kChunksPerThread > n;
    if (c == 1) emit(tmp_keys + off, Advance(tmp_idx, off), pos + off, 1);
    if (c > 1) (big ? large : small).emplace_back(c, off);
    off = end;
  }
  std::sort(small.begin(), small.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  ParallelFor(pool, 0, small.size(), 1, [&](std::size_t t, std::size_t) {
    if (Stopped(stop)) return;
    const auto [c, o] = small[t];
    SortBucket(tmp_keys + o, Advance(tmp_idx, o), keys + o, Advance(idx, o), pos + o, c, shift, emit);
  });
  for (const auto& [c, o] : large) {
    ParallelRadix(pool, tmp_keys + o, Advance(tmp_idx, o), keys + o, Advance(idx, o), pos + o, c, shift, emit, stop);
  }
}

}  // namespace corepool::sort
