// Switch-over sizes of the native sort family, in one place so tests can
// straddle every one of them (mirrored in /work/ctx/sort_thresholds.md).
// Chosen by measurement with bench/sort.mjs on the 2-core bench machine.
#pragma once

#include <cstddef>

namespace corepool::sort {

/// Buckets of at most this many elements are finished by insertion sort.
inline constexpr std::size_t kInsertionMax = 16;
/// In-cache digits are about log2(bucket size) - kDigitSlack bits wide, from
/// kNarrowDigit up to kWideDigit bits, so a level leaves ~2^kDigitSlack
/// elements per bucket for the next (usually insertion sort).
inline constexpr int kDigitSlack = 2;
inline constexpr int kNarrowDigit = 3;
/// Passes over ranges larger than the cache use kOuterDigit bits: more
/// destinations than that thrash the TLB while scattering.
inline constexpr int kOuterDigit = 8;
inline constexpr int kWideDigit = 11;
/// The parallel first pass over 64-bit keys uses kWideDigit bits instead:
/// 1e7 uniform float64 then lands in buckets that fit in cache (measured
/// 72 vs 99 ms on one thread; 32-bit keys measured faster with 8 bits).
inline constexpr int kTopDigit64 = kWideDigit;
/// In-cache buckets of at least kLsdMin elements with at most kLsdMaxBits
/// unsorted bits are finished by LSD radix (sort_radix.h LsdBucket).
inline constexpr std::size_t kLsdMin = 512;
inline constexpr int kLsdMaxBits = 64;
/// LSD digit width (11-bit digits measured slower: histograms no longer in L1).
inline constexpr int kLsdDigit = 8;
/// LSD passes cover about log2(bucket) + this many top bits; ties below them
/// are rare for spread-out keys and are finished per run (sort_radix.h).
inline constexpr int kLsdSpareBits = 4;
/// Buckets whose keys take more bytes than this count as out of cache.
inline constexpr std::size_t kInCacheBytes = std::size_t{1} << 20;
/// Ranges of fewer elements are sorted by one thread (sequential MSD radix);
/// larger ones get a parallel histogram + scatter pass over all pool threads,
/// and a bucket of that pass recurses in parallel when it is also this large
/// and holds more than 1/(kChunksPerThread * threads) of its range.
inline constexpr std::size_t kParallelMin = std::size_t{1} << 16;
/// Elements per chunk of the parallel element-wise phases (key transform,
/// counting, selection scatter, searchsorted).
inline constexpr std::size_t kChunk = std::size_t{1} << 16;
/// Chunks per pool thread in a parallel radix pass (more = better balance
/// when other processes share the cores, at the cost of more histograms).
inline constexpr std::size_t kChunksPerThread = 2;
/// In-place sorts of 8-bit (16-bit) dtypes with at least this many elements
/// count values (256 / 65536 bins) instead of running the radix sort.
inline constexpr std::size_t kCountingMin8 = 64;
inline constexpr std::size_t kCountingMin16 = std::size_t{1} << 14;
/// Radix selection (partition, topk) gathers the keys still in play and
/// finishes with nth_element once at most this many remain.
inline constexpr std::size_t kSelectGather = std::size_t{1} << 16;

}  // namespace corepool::sort
