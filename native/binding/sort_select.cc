// partition, topk and searchsorted: selection of one key, then stable
// chunk-ordered passes (no full sort, except of topk's k candidates).
#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include "../kernels/sort_keys.h"
#include "../pool/blocks.h"
#include "sort_driver.h"
#include "sort_parallel.h"

namespace corepool {
namespace {

using sort::kChunk;

inline void WriteIndex(IndexOut out, std::size_t at, std::size_t value) {
  if (out.f64) {
    static_cast<double*>(out.data)[at] = static_cast<double>(value);
  } else {
    static_cast<std::uint32_t*>(out.data)[at] = static_cast<std::uint32_t>(value);
  }
}

/// Finishes SelectKey: copies the `count` keys whose top `known` bits are
/// `prefix` (chunk c's share is hist[c][d], so every chunk knows its slot)
/// and selects among them.
///
/// Every pass of the selection family re-reads the caller's array, which a
/// concurrent writer may change in between: slots, ranks and positions
/// derived from an earlier pass are bounded before use, so such a race gives
/// a wrong answer, never an access out of bounds.
template <typename Codec>
typename Codec::Key GatherSelect(ThreadPool& pool,
                                 const void* data,
                                 std::size_t n,
                                 std::size_t chunks,
                                 const std::vector<std::size_t>& hist,
                                 std::size_t buckets,
                                 std::size_t d,
                                 std::uint64_t prefix,
                                 int known,
                                 std::size_t rank,
                                 bool descending) {
  using U = typename Codec::Key;
  constexpr int kBits = 8 * sizeof(U);
  std::vector<std::size_t> slot(chunks + 1, 0);
  for (std::size_t c = 0; c < chunks; ++c) slot[c + 1] = slot[c] + hist[c * buckets + d];
  std::vector<U> keys(slot[chunks]);
  ParallelFor(pool, 0, chunks, 1, [&](std::size_t c, std::size_t) {
    const sort::ChunkRange r = sort::ChunkOf(n, chunks, c);
    std::size_t at = slot[c];
    const std::size_t end = slot[c + 1];
    for (std::size_t i = r.lo; i < r.hi && at < end; ++i) {
      const U k = Codec::Make(sort::LoadBits<U>(data, i), descending);
      if ((static_cast<std::uint64_t>(k) >> (kBits - known)) == prefix) keys[at++] = k;
    }
  });
  if (keys.empty()) return static_cast<U>(prefix << (kBits - known));  // only after a race
  rank = std::min(rank, keys.size() - 1);
  std::nth_element(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(rank), keys.end());
  return keys[rank];
}

/// Sample-bracket selection (after Floyd and Rivest): a fixed, evenly spaced
/// sample gives keys lo <= hi that bracket the wanted rank with high
/// probability; ONE parallel pass then counts the keys below lo and gathers
/// those in [lo, hi], and nth_element finishes among them. Radix selection
/// needs two or three passes on float keys, whose top digits barely vary.
/// Returns false (the caller then uses radix selection) when the bracket
/// missed or holds too many keys; the answer is the same either way.
template <typename Codec>
bool SampleSelect(
    ThreadPool& pool, const void* data, std::size_t n, std::size_t rank, bool descending, typename Codec::Key* answer) {
  using U = typename Codec::Key;
  constexpr std::size_t kSample = std::size_t{1} << 16;
  constexpr std::size_t kSlack = 1024;  // about 4 standard deviations of the sample rank
  if (n < 16 * kSample) return false;
  std::vector<U> sample(kSample);
  for (std::size_t j = 0; j < kSample; ++j) {
    sample[j] = Codec::Make(sort::LoadBits<U>(data, j * (n / kSample)), descending);
  }
  const std::size_t at = static_cast<std::size_t>(static_cast<double>(rank) / static_cast<double>(n) * kSample);
  const std::size_t lo_at = at > kSlack ? at - kSlack : 0;
  const std::size_t hi_at = std::min(kSample - 1, at + kSlack);
  std::nth_element(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(lo_at), sample.end());
  const U lo = lo_at == 0 ? U{0} : sample[lo_at];
  std::nth_element(sample.begin() + static_cast<std::ptrdiff_t>(lo_at),
                   sample.begin() + static_cast<std::ptrdiff_t>(hi_at),
                   sample.end());
  const U hi = hi_at == kSample - 1 ? static_cast<U>(~U{0}) : sample[hi_at];
  const U span = static_cast<U>(hi - lo);
  const std::size_t chunks = BlockCount(n, kChunk);
  std::vector<std::size_t> below(chunks, 0);
  std::vector<std::vector<U>> inside(chunks);
  ParallelFor(pool, 0, n, kChunk, [&](std::size_t first, std::size_t last) {
    std::size_t less = 0;
    std::vector<U>& mine = inside[first / kChunk];
    for (std::size_t i = first; i < last; ++i) {
      const U k = Codec::Make(sort::LoadBits<U>(data, i), descending);
      less += k < lo;
      // One unsigned range test: `k >= lo && k <= hi` branches on k >= lo,
      // which is a coin flip when the rank is mid-array.
      if (static_cast<U>(k - lo) <= span) mine.push_back(k);
    }
    below[first / kChunk] = less;
  });
  std::size_t less = 0, count = 0;
  for (std::size_t c = 0; c < chunks; ++c) {
    less += below[c];
    count += inside[c].size();
  }
  if (rank < less || rank >= less + count) return false;
  std::vector<U> keys;
  keys.reserve(count);
  for (const auto& part : inside) keys.insert(keys.end(), part.begin(), part.end());
  std::nth_element(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(rank - less), keys.end());
  *answer = keys[rank - less];
  return true;
}

/// The key at position `rank` of the ascending order of all n keys, by
/// radix selection: each parallel pass histograms the next kWideDigit bits of
/// the keys that share the bits fixed so far, and once few keys remain they
/// are gathered and finished by nth_element. No n-sized copy.
template <typename Codec>
typename Codec::Key SelectKey(ThreadPool& pool, const void* data, std::size_t n, std::size_t rank, bool descending) {
  using U = typename Codec::Key;
  constexpr int kBits = 8 * sizeof(U);
  if (U found; SampleSelect<Codec>(pool, data, n, rank, descending, &found)) return found;
  const std::size_t chunks = sort::PassChunks(pool, n);
  std::uint64_t prefix = 0;  // the top `known` bits of the answer
  int known = 0;
  while (known < kBits) {
    const int digit = std::min(sort::kWideDigit, kBits - known);
    const int shift = kBits - known - digit;
    const std::size_t buckets = std::size_t{1} << digit;
    std::vector<std::size_t> hist(chunks * buckets, 0);
    ParallelFor(pool, 0, chunks, 1, [&](std::size_t c, std::size_t) {
      const sort::ChunkRange r = sort::ChunkOf(n, chunks, c);
      std::size_t* h = &hist[c * buckets];
      for (std::size_t i = r.lo; i < r.hi; ++i) {
        const std::uint64_t k = Codec::Make(sort::LoadBits<U>(data, i), descending);
        if (known == 0 || (k >> (kBits - known)) == prefix) ++h[(k >> shift) & (buckets - 1)];
      }
    });
    std::size_t d = 0, below = 0, count = 0;
    for (;; ++d) {
      count = 0;
      for (std::size_t c = 0; c < chunks; ++c) count += hist[c * buckets + d];
      // The last digit stops the walk: after a race, fewer keys than `rank`
      // may share the prefix.
      if (rank < below + count || d + 1 == buckets) break;
      below += count;
    }
    rank -= below;
    prefix = (prefix << digit) | d;
    known += digit;
    if (known < kBits && count <= sort::kSelectGather) {
      return GatherSelect<Codec>(pool, data, n, chunks, hist, buckets, d, prefix, known, rank, descending);
    }
  }
  return static_cast<U>(prefix);
}

/// Per kChunk block: how many keys are below and equal to `pivot`, and the
/// smallest key (which bounds the bits topk's candidates can differ in).
template <typename U>
struct PivotCounts {
  std::size_t less = 0;
  std::size_t equal = 0;
  U min = static_cast<U>(~U{0});
};

template <typename Codec>
std::vector<PivotCounts<typename Codec::Key>> CountAround(ThreadPool& pool,
                                                          const void* data,
                                                          std::size_t n,
                                                          typename Codec::Key pivot,
                                                          bool descending,
                                                          const SortStop& stop) {
  using U = typename Codec::Key;
  std::vector<PivotCounts<U>> counts(BlockCount(n, kChunk));
  ParallelFor(pool, 0, n, kChunk, [&](std::size_t lo, std::size_t hi) {
    if (sort::Stopped(&stop)) return;
    PivotCounts<U> c;
    for (std::size_t i = lo; i < hi; ++i) {
      const U k = Codec::Make(sort::LoadBits<U>(data, i), descending);
      c.less += k < pivot;
      c.equal += k == pivot;
      c.min = std::min(c.min, k);
    }
    counts[lo / kChunk] = c;
  });
  return counts;
}

template <typename Codec>
bool PartitionKeys(ThreadPool& pool,
                   const void* data,
                   std::size_t n,
                   std::size_t k,
                   void* values,
                   IndexOut indices,
                   const SortStop& stop) {
  using U = typename Codec::Key;
  if (sort::Stopped(&stop)) return false;
  const U pivot = SelectKey<Codec>(pool, data, n, k, false);
  const auto counts = CountAround<Codec>(pool, data, n, pivot, false, stop);
  if (sort::Stopped(&stop)) return false;
  std::size_t less = 0, equal = 0;
  for (const auto& c : counts) {
    less += c.less;
    equal += c.equal;
  }
  // Block b starts its three runs after the runs of blocks 0..b-1.
  std::vector<std::size_t> starts(counts.size() * 3);
  std::size_t l = 0, e = less, g = less + equal;
  for (std::size_t b = 0; b < counts.size(); ++b) {
    starts[3 * b] = l;
    starts[3 * b + 1] = e;
    starts[3 * b + 2] = g;
    l += counts[b].less;
    e += counts[b].equal;
    g += (std::min(n, (b + 1) * kChunk) - b * kChunk) - counts[b].less - counts[b].equal;
  }
  ParallelFor(pool, 0, n, kChunk, [&](std::size_t lo, std::size_t hi) {
    if (sort::Stopped(&stop)) return;
    std::size_t* next = &starts[3 * (lo / kChunk)];
    auto scatter = [&](auto* out_index) {  // one loop per index type, no per-element branch
      for (std::size_t i = lo; i < hi; ++i) {
        const U bits = sort::LoadBits<U>(data, i);
        const U key = Codec::Asc(bits);
        const std::size_t to = next[(key >= pivot) + (key > pivot)]++;
        if (__builtin_expect(to >= n, 0)) continue;  // the counts are from an earlier read
        sort::StoreBits<U>(values, to, bits);
        out_index[to] = static_cast<std::remove_reference_t<decltype(*out_index)>>(i);
      }
    };
    if (indices.f64) {
      scatter(static_cast<double*>(indices.data));
    } else {
      scatter(static_cast<std::uint32_t*>(indices.data));
    }
  });
  return !sort::Stopped(&stop);
}

/// Writes the sorted candidates of topk: values gathered from the input.
/// An index is bounded by n before the gather: after a race during the
/// candidate pass, some candidate slots may never have been written.
template <typename U, typename I>
struct TopkEmit {
  const void* data;
  std::size_t n;
  void* values;
  IndexOut indices;
  void operator()(const U*, const I* idx, std::size_t pos, std::size_t count) const {
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t at = idx[i] < n ? static_cast<std::size_t>(idx[i]) : 0;
      sort::StoreBits<U>(values, pos + i, sort::LoadBits<U>(data, at));
      WriteIndex(indices, pos + i, at);
    }
  }
};

template <typename Codec, typename I>
bool TopkKeys(ThreadPool& pool,
              const void* data,
              std::size_t n,
              std::size_t k,
              bool largest,
              void* values,
              IndexOut indices,
              const SortStop& stop) {
  using U = typename Codec::Key;
  if (sort::Stopped(&stop)) return false;
  if (k == 0) return true;
  const U pivot = SelectKey<Codec>(pool, data, n, k - 1, largest);
  const auto counts = CountAround<Codec>(pool, data, n, pivot, largest, stop);
  if (sort::Stopped(&stop)) return false;
  std::size_t less = 0;
  U min = pivot;
  for (const auto& c : counts) {
    less += c.less;
    min = std::min(min, c.min);
  }
  // Candidates: every key below the pivot, then the first k - less equal ones
  // (input order), each at its chunk-ordered slot.
  std::vector<std::size_t> starts(counts.size() * 2);
  std::size_t l = 0, e = less;
  for (std::size_t b = 0; b < counts.size(); ++b) {
    starts[2 * b] = l;
    starts[2 * b + 1] = e;
    l += counts[b].less;
    e += counts[b].equal;
  }
  auto keys = sort::Scratch<U>(k), tmp_keys = sort::Scratch<U>(k);
  auto idx = sort::Scratch<I>(k), tmp_idx = sort::Scratch<I>(k);
  ParallelFor(pool, 0, n, kChunk, [&](std::size_t lo, std::size_t hi) {
    std::size_t* next = &starts[2 * (lo / kChunk)];
    for (std::size_t i = lo; i < hi; ++i) {
      const U key = Codec::Make(sort::LoadBits<U>(data, i), largest);
      if (key > pivot) continue;
      const std::size_t to = next[key == pivot]++;
      if (to >= k) continue;
      keys[to] = key;
      idx[to] = static_cast<I>(i);
    }
  });
  TopkEmit<U, I> emit{data, n, values, indices};
  sort::ParallelRadix(pool,
                      keys.get(),
                      idx.get(),
                      tmp_keys.get(),
                      tmp_idx.get(),
                      0,
                      k,
                      sort::BitWidth<U>(static_cast<U>(min ^ pivot)),
                      emit,
                      &stop);
  return !sort::Stopped(&stop);
}

template <typename Codec>
bool SearchKeys(ThreadPool& pool,
                const void* sorted,
                std::size_t n,
                const void* values,
                std::size_t m,
                bool right,
                IndexOut out,
                const SortStop& stop) {
  using U = typename Codec::Key;
  ParallelFor(pool, 0, m, kChunk / 4, [&](std::size_t lo, std::size_t hi) {
    if (sort::Stopped(&stop)) return;
    for (std::size_t j = lo; j < hi; ++j) {
      const U v = Codec::Asc(sort::LoadBits<U>(values, j));
      std::size_t first = 0, count = n;
      while (count > 0) {  // lower/upper bound: first position not "before" v
        const std::size_t half = count / 2;
        const U s = Codec::Asc(sort::LoadBits<U>(sorted, first + half));
        if (right ? !(v < s) : s < v) {
          first += half + 1;
          count -= half + 1;
        } else {
          count = half;
        }
      }
      WriteIndex(out, j, first);
    }
  });
  return !sort::Stopped(&stop);
}

}  // namespace

bool Partition(ThreadPool& pool,
               const void* data,
               std::size_t n,
               Dtype dtype,
               std::size_t k,
               void* values,
               IndexOut indices,
               const SortStop& stop) {
  return sort::VisitCodec(
      dtype, [&](auto codec) { return PartitionKeys<decltype(codec)>(pool, data, n, k, values, indices, stop); });
}

bool Topk(ThreadPool& pool,
          const void* data,
          std::size_t n,
          Dtype dtype,
          std::size_t k,
          bool largest,
          void* values,
          IndexOut indices,
          const SortStop& stop) {
  return sort::VisitCodec(dtype, [&](auto codec) {
    using Codec = decltype(codec);
    if (n <= std::size_t{std::numeric_limits<std::uint32_t>::max()} + 1) {
      return TopkKeys<Codec, std::uint32_t>(pool, data, n, k, largest, values, indices, stop);
    }
    return TopkKeys<Codec, std::uint64_t>(pool, data, n, k, largest, values, indices, stop);
  });
}

bool SearchSorted(ThreadPool& pool,
                  const void* sorted,
                  std::size_t n,
                  const void* values,
                  std::size_t m,
                  Dtype dtype,
                  bool right,
                  IndexOut out,
                  const SortStop& stop) {
  return sort::VisitCodec(
      dtype, [&](auto codec) { return SearchKeys<decltype(codec)>(pool, sorted, n, values, m, right, out, stop); });
}

}  // namespace corepool
