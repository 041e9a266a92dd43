// Sequential building blocks of the stable radix sort: histogram and scatter
// of one range, insertion sort, and the in-cache MSD radix sort of a bucket.
// Pure compute on (key, payload) lanes; no threads (sort_driver.cc runs the
// parallel phases). Every step is stable, so the result is the unique stable
// order whatever the bucket boundaries were.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "sort_thresholds.h"

namespace corepool::sort {

/// Payload type of a values-only sort: no index lane.
struct NoIdx {};

template <typename I>
inline constexpr bool kHasIdx = !std::is_same_v<I, NoIdx>;

/// Adds the digit counts of keys[lo, hi) to counts.
template <typename K>
void HistogramRange(const K* keys, std::size_t lo, std::size_t hi, int shift, unsigned mask, std::size_t* counts) {
  for (std::size_t i = lo; i < hi; ++i) ++counts[(keys[i] >> shift) & mask];
}

/// Moves [lo, hi) to dst by digit; next[d] is the destination of the next
/// element with digit d and advances, so equal digits keep their order.
/// Destinations at or past `limit` (dst's length) are dropped: next[] comes
/// from an earlier read of the keys, and when they are the caller's memory a
/// concurrent writer can change them in between, so a digit may now have
/// more elements than slots. The order is then wrong, never the memory.
template <typename K, typename I>
void ScatterRange(const K* keys,
                  const I* idx,
                  std::size_t lo,
                  std::size_t hi,
                  int shift,
                  unsigned mask,
                  K* dst_keys,
                  I* dst_idx,
                  std::size_t* next,
                  std::size_t limit) {
  for (std::size_t i = lo; i < hi; ++i) {
    const K k = keys[i];
    const std::size_t to = next[(k >> shift) & mask]++;
    if (__builtin_expect(to >= limit, 0)) continue;
    dst_keys[to] = k;
    if constexpr (kHasIdx<I>) dst_idx[to] = idx[i];
  }
}

/// Stable insertion sort of n lanes (strict comparison keeps ties in order).
template <typename K, typename I>
void InsertionSort(K* keys, I* idx, std::size_t n) {
  for (std::size_t i = 1; i < n; ++i) {
    const K k = keys[i];
    if (!(k < keys[i - 1])) continue;
    I x{};
    if constexpr (kHasIdx<I>) x = idx[i];
    std::size_t j = i;
    do {
      keys[j] = keys[j - 1];
      if constexpr (kHasIdx<I>) idx[j] = idx[j - 1];
      --j;
    } while (j > 0 && k < keys[j - 1]);
    keys[j] = k;
    if constexpr (kHasIdx<I>) idx[j] = x;
  }
}

template <typename K, typename I, typename Emit>
void SortBucket(K* keys, I* idx, K* tmp_keys, I* tmp_idx, std::size_t pos, std::size_t n, int bits, Emit& emit);

/// After LSD passes over the bits above `low`, the lanes are in order except
/// inside runs whose keys agree above `low`; those are finished here (small
/// runs by insertion sort, larger ones by SortBucket on the low bits).
template <typename K, typename I, typename Emit>
void FinishRuns(K* keys, I* idx, K* tmp_keys, I* tmp_idx, std::size_t pos, std::size_t n, int low, Emit& emit) {
  std::size_t emitted = 0;
  for (std::size_t i = 0; i < n;) {
    const K prefix = keys[i] >> low;
    std::size_t j = i + 1;
    while (j < n && (keys[j] >> low) == prefix) ++j;
    const std::size_t run = j - i;
    const std::size_t at = kHasIdx<I> ? i : 0;
    if (run > kInsertionMax) {
      if (i > emitted) emit(keys + emitted, idx + (kHasIdx<I> ? emitted : 0), pos + emitted, i - emitted);
      SortBucket(keys + i, idx + at, tmp_keys + i, tmp_idx + at, pos + i, run, low, emit);
      emitted = j;
    } else if (run > 1) {
      InsertionSort(keys + i, idx + at, run);
    }
    i = j;
  }
  if (n > emitted) emit(keys + emitted, idx + (kHasIdx<I> ? emitted : 0), pos + emitted, n - emitted);
}

/// LSD radix sort of a bucket: one read pass builds the histograms of every
/// kDigit-bit digit, digits that are the same in every key are skipped, and
/// each remaining digit is one stable scatter between the two buffers. Only
/// the top bits get passes (about log2(n) + kLsdSpareBits of them): below
/// that, keys spread like random ones rarely tie, so sorting every low digit
/// (six passes for float64) would mostly move lanes that are already in
/// place; the few runs that do tie are finished by FinishRuns.
template <int kDigit, typename K, typename I, typename Emit>
void LsdBucket(K* keys, I* idx, K* tmp_keys, I* tmp_idx, std::size_t pos, std::size_t n, int bits, Emit& emit) {
  constexpr int kMaxDigits = (8 * sizeof(K) + kDigit - 1) / kDigit;
  constexpr unsigned kMask = (1u << kDigit) - 1;
  int width = 0;
  for (std::size_t m = n; m != 0; m >>= 1) ++width;
  const int wanted = (width + kLsdSpareBits + kDigit - 1) / kDigit * kDigit;
  const int low = bits > wanted ? bits - wanted : 0;
  const int digits = (bits - low + kDigit - 1) / kDigit;
  // 32-bit counts: in-cache buckets are far below 2^32 elements.
  std::uint32_t counts[kMaxDigits][std::size_t{1} << kDigit] = {};
  for (std::size_t i = 0; i < n; ++i) {
    const K k = keys[i] >> low;
    for (int d = 0; d < digits; ++d) ++counts[d][(k >> (d * kDigit)) & kMask];
  }
  K* src_keys = keys;
  I* src_idx = idx;
  K* dst_keys = tmp_keys;
  I* dst_idx = tmp_idx;
  std::size_t next[std::size_t{1} << kDigit];
  for (int d = 0; d < digits; ++d) {
    const std::uint32_t* c = counts[d];
    const int shift = low + d * kDigit;
    if (c[(keys[0] >> shift) & kMask] == n) continue;  // constant digit
    std::size_t sum = 0;
    for (unsigned b = 0; b <= kMask; ++b) {
      next[b] = sum;
      sum += c[b];
    }
    ScatterRange(src_keys, src_idx, 0, n, shift, kMask, dst_keys, dst_idx, next, n);
    std::swap(src_keys, dst_keys);
    std::swap(src_idx, dst_idx);
  }
  if (low == 0) return emit(src_keys, src_idx, pos, n);
  FinishRuns(src_keys, src_idx, dst_keys, dst_idx, pos, n, low, emit);
}

/// Sorts the n lanes at (keys, idx), whose key bits at and above `bits` are
/// all equal, using (tmp_keys, tmp_idx) as scratch of n lanes. The sorted
/// lanes end in either buffer; emit(keys, idx, pos, count) receives each
/// finished run with its global position pos (pos of this range = `pos`).
/// Each level recurses into strictly smaller buckets, so depth <= log2(n) + 1.
template <typename K, typename I, typename Emit>
void SortBucket(K* keys, I* idx, K* tmp_keys, I* tmp_idx, std::size_t pos, std::size_t n, int bits, Emit& emit) {
  while (true) {
    if (n <= kInsertionMax) {
      InsertionSort(keys, idx, n);
      return emit(keys, idx, pos, n);
    }
    if (bits <= 0) return emit(keys, idx, pos, n);
    if (n >= kLsdMin && n * sizeof(K) <= kInCacheBytes && bits <= kLsdMaxBits) {
      return LsdBucket<kLsdDigit>(keys, idx, tmp_keys, tmp_idx, pos, n, bits, emit);
    }
    // About 2^kDigitSlack elements per bucket: wide enough that the next
    // level is tiny, narrow enough that the histogram stays cheap.
    int width = 0;
    for (std::size_t m = n >> kDigitSlack; m != 0; m >>= 1) ++width;
    const int cap = n * sizeof(K) > kInCacheBytes ? kOuterDigit : kWideDigit;
    const int digit = std::min(bits, std::min(cap, std::max(kNarrowDigit, width)));
    const int shift = bits - digit;
    const unsigned mask = (1u << digit) - 1;
    std::size_t counts[std::size_t{1} << kWideDigit];
    std::fill(counts, counts + (std::size_t{1} << digit), 0);
    HistogramRange(keys, 0, n, shift, mask, counts);
    if (counts[(keys[0] >> shift) & mask] == n) {  // constant digit: no pass needed
      bits = shift;
      continue;
    }
    // Bucket sizes come from the histogram, never from how far the scatter
    // advanced: keys in caller memory may change between the two reads.
    std::size_t next[std::size_t{1} << kWideDigit];
    std::size_t sum = 0;
    for (unsigned d = 0; d <= mask; ++d) {
      next[d] = sum;
      sum += counts[d];
    }
    ScatterRange(keys, idx, 0, n, shift, mask, tmp_keys, tmp_idx, next, n);
    std::size_t off = 0;
    for (unsigned d = 0; d <= mask; ++d) {
      const std::size_t c = counts[d];
      if (c == 1) {
        emit(tmp_keys + off, tmp_idx + (kHasIdx<I> ? off : 0), pos + off, 1);
      } else if (c > 1) {
        SortBucket(tmp_keys + off,
                   tmp_idx + (kHasIdx<I> ? off : 0),
                   keys + off,
                   idx + (kHasIdx<I> ? off : 0),
                   pos + off,
                   c,
                   shift,
                   emit);
      }
      off += c;
    }
    return;
  }
}

}  // namespace corepool::sort
