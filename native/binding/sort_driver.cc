// sort (in place) and argsort: key transform, parallel radix, write-back.
//
// The in-place sort reuses the input's own memory as the key lane, so it
// needs one scratch lane only. Float keys lose the sign of a zero and a NaN's
// payload (they tie by contract), so the transform pass records the original
// bits of the zeros and NaNs in input order, and because the sort is stable
// those runs are restored verbatim after the write-back.
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

using sort::KeyKind;
using sort::NoIdx;

/// What the transform pass learns about one kChunk block.
template <typename U>
struct ChunkStats {
  U min = static_cast<U>(~U{0});
  U max = 0;
  std::size_t negative = 0;  // float sort: non-zero, non-NaN values with the sign bit
  std::vector<U> zeros;      // float sort: original bits, input order
  std::vector<U> nans;
};

/// Bits below which keys still differ: the first radix digit's top.
template <typename U>
[[nodiscard]] int SpreadBits(const std::vector<ChunkStats<U>>& stats) {
  U lo = static_cast<U>(~U{0});
  U hi = 0;
  for (const auto& s : stats) {
    lo = std::min(lo, s.min);
    hi = std::max(hi, s.max);
  }
  return stats.empty() ? 0 : sort::BitWidth<U>(static_cast<U>(lo ^ hi));
}

/// Writes keys back as values (into the input, possibly in place).
template <typename Codec>
struct ValueEmit {
  using U = typename Codec::Key;
  U* out;
  bool descending;
  void operator()(const U* keys, const NoIdx*, std::size_t pos, std::size_t count) const {
    U* to = out + pos;
    if (descending) {
      for (std::size_t i = 0; i < count; ++i) to[i] = Codec::FromAsc(static_cast<U>(~keys[i]));
    } else {
      for (std::size_t i = 0; i < count; ++i) to[i] = Codec::FromAsc(keys[i]);
    }
  }
};

/// Copies each chunk's recorded runs, in chunk order, to out[at...].
template <typename U, typename Pick>
void RestoreRun(U* out, std::size_t at, const std::vector<ChunkStats<U>>& stats, Pick pick) {
  for (const auto& s : stats) {
    const std::vector<U>& run = pick(s);
    std::copy(run.begin(), run.end(), out + at);
    at += run.size();
  }
}

template <typename Codec>
void RestoreSpecials(typename Codec::Key* a,
                     std::size_t n,
                     bool descending,
                     const std::vector<ChunkStats<typename Codec::Key>>& stats) {
  using U = typename Codec::Key;
  std::size_t zeros = 0, nans = 0, negative = 0;
  for (const auto& s : stats) {
    zeros += s.zeros.size();
    nans += s.nans.size();
    negative += s.negative;
  }
  const std::size_t positive = n - zeros - nans - negative;
  const std::size_t zero_at = descending ? nans + positive : negative;
  RestoreRun(a, zero_at, stats, [](const ChunkStats<U>& s) -> const std::vector<U>& { return s.zeros; });
  RestoreRun(
      a, descending ? 0 : n - nans, stats, [](const ChunkStats<U>& s) -> const std::vector<U>& { return s.nans; });
}

/// Replaces a[lo, hi) by its keys and records the chunk's statistics.
template <typename Codec>
void TransformInPlace(
    typename Codec::Key* a, std::size_t lo, std::size_t hi, bool descending, ChunkStats<typename Codec::Key>& s) {
  using U = typename Codec::Key;
  U mn = s.min, mx = s.max;
  for (std::size_t i = lo; i < hi; ++i) {
    const U bits = a[i];
    if constexpr (std::is_same_v<Codec, sort::KeyCodec<U, KeyKind::kFloat>>) {
      if (Codec::IsZero(bits)) {
        s.zeros.push_back(bits);
      } else if (Codec::IsNan(bits)) {
        s.nans.push_back(bits);
      } else {
        s.negative += bits >> (sizeof(U) * 8 - 1);
      }
    }
    const U k = Codec::Make(bits, descending);
    a[i] = k;
    mn = std::min(mn, k);
    mx = std::max(mx, k);
  }
  s.min = mn;
  s.max = mx;
}

template <typename Codec>
bool SortRadix(ThreadPool& pool, void* data, std::size_t n, bool descending, const SortStop& stop) {
  using U = typename Codec::Key;
  if (sort::Stopped(&stop)) return false;
  U* a = static_cast<U*>(data);
  auto tmp = sort::Scratch<U>(n);  // before touching a: a failed allocation leaves it intact
  std::vector<ChunkStats<U>> stats(BlockCount(n, sort::kChunk));
  ParallelFor(pool, 0, n, sort::kChunk, [&](std::size_t lo, std::size_t hi) {
    TransformInPlace<Codec>(a, lo, hi, descending, stats[lo / sort::kChunk]);
  });
  ValueEmit<Codec> emit{a, descending};
  sort::ParallelRadix(pool,
                      a,
                      static_cast<NoIdx*>(nullptr),
                      tmp.get(),
                      static_cast<NoIdx*>(nullptr),
                      0,
                      n,
                      SpreadBits(stats),
                      emit,
                      nullptr);
  if constexpr (std::is_same_v<Codec, sort::KeyCodec<U, KeyKind::kFloat>>)
    RestoreSpecials<Codec>(a, n, descending, stats);
  return true;
}

/// Counting sort of an 8/16-bit dtype: per-chunk histograms, then every
/// output block fills its share of the value runs.
template <typename Codec>
bool SortCounting(ThreadPool& pool, void* data, std::size_t n, bool descending, const SortStop& stop) {
  using U = typename Codec::Key;
  constexpr std::size_t kBins = std::size_t{1} << (8 * sizeof(U));
  if (sort::Stopped(&stop)) return false;
  U* a = static_cast<U*>(data);
  const std::size_t chunks = sort::PassChunks(pool, n);
  std::vector<std::size_t> hist(chunks * kBins, 0);
  ParallelFor(pool, 0, chunks, 1, [&](std::size_t c, std::size_t) {
    const sort::ChunkRange r = sort::ChunkOf(n, chunks, c);
    std::size_t* h = &hist[c * kBins];
    for (std::size_t i = r.lo; i < r.hi; ++i) ++h[Codec::Make(a[i], descending)];
  });
  std::vector<std::size_t> starts(kBins + 1, 0);
  for (std::size_t c = 0; c < chunks; ++c) {
    for (std::size_t b = 0; b < kBins; ++b) starts[b + 1] += hist[c * kBins + b];
  }
  for (std::size_t b = 0; b < kBins; ++b) starts[b + 1] += starts[b];
  ParallelFor(pool, 0, n, sort::kChunk, [&](std::size_t lo, std::size_t hi) {
    // The last bin starting at or before lo is the non-empty bin holding lo.
    std::size_t b = static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), lo) - starts.begin()) - 1;
    for (std::size_t p = lo; p < hi; ++b) {
      const std::size_t end = std::min(hi, starts[b + 1]);
      std::fill(a + p, a + end, Codec::FromKey(static_cast<U>(b), descending));
      p = end;
    }
  });
  return true;
}

/// Writes sorted index lanes to the output (skipping lanes that already are it).
template <typename I>
struct IndexEmit {
  IndexOut out;
  template <typename U>
  void operator()(const U*, const I* idx, std::size_t pos, std::size_t count) const {
    if (out.f64) {
      double* to = static_cast<double*>(out.data) + pos;
      for (std::size_t i = 0; i < count; ++i) to[i] = static_cast<double>(idx[i]);
    } else {
      std::uint32_t* to = static_cast<std::uint32_t*>(out.data) + pos;
      if (static_cast<const void*>(to) == static_cast<const void*>(idx)) return;
      for (std::size_t i = 0; i < count; ++i) to[i] = static_cast<std::uint32_t>(idx[i]);
    }
  }
};

template <typename Codec, typename I>
bool ArgsortLanes(
    ThreadPool& pool, const void* data, std::size_t n, bool descending, IndexOut out, const SortStop& stop) {
  using U = typename Codec::Key;
  auto keys = sort::Scratch<U>(n);
  auto tmp_keys = sort::Scratch<U>(n);
  auto tmp_idx = sort::Scratch<I>(n);
  sort::ScratchPtr<I> own_idx;
  I* idx = nullptr;
  if constexpr (std::is_same_v<I, std::uint32_t>) {
    if (!out.f64) idx = static_cast<I*>(out.data);  // sort straight into the output
  }
  if (idx == nullptr) idx = (own_idx = sort::Scratch<I>(n)).get();
  std::vector<ChunkStats<U>> stats(BlockCount(n, sort::kChunk));
  ParallelFor(pool, 0, n, sort::kChunk, [&](std::size_t lo, std::size_t hi) {
    if (sort::Stopped(&stop)) return;
    U mn = static_cast<U>(~U{0}), mx = 0;
    for (std::size_t i = lo; i < hi; ++i) {
      const U k = Codec::Make(sort::LoadBits<U>(data, i), descending);
      keys[i] = k;
      idx[i] = static_cast<I>(i);
      mn = std::min(mn, k);
      mx = std::max(mx, k);
    }
    stats[lo / sort::kChunk].min = mn;
    stats[lo / sort::kChunk].max = mx;
  });
  if (sort::Stopped(&stop)) return false;
  IndexEmit<I> emit{out};
  sort::ParallelRadix(pool, keys.get(), idx, tmp_keys.get(), tmp_idx.get(), 0, n, SpreadBits(stats), emit, &stop);
  return !sort::Stopped(&stop);
}

}  // namespace

bool SortInPlace(ThreadPool& pool, void* data, std::size_t n, Dtype dtype, bool descending, const SortStop& stop) {
  if (n < 2) return !sort::Stopped(&stop);
  return sort::VisitCodec(dtype, [&](auto codec) {
    using Codec = decltype(codec);
    using U = typename Codec::Key;
    if constexpr (sizeof(U) == 1) {
      if (n >= sort::kCountingMin8) return SortCounting<Codec>(pool, data, n, descending, stop);
    } else if constexpr (sizeof(U) == 2) {
      if (n >= sort::kCountingMin16) return SortCounting<Codec>(pool, data, n, descending, stop);
    }
    return SortRadix<Codec>(pool, data, n, descending, stop);
  });
}

bool Argsort(ThreadPool& pool,
             const void* data,
             std::size_t n,
             Dtype dtype,
             bool descending,
             IndexOut out,
             const SortStop& stop) {
  if (n == 0) return !sort::Stopped(&stop);
  return sort::VisitCodec(dtype, [&](auto codec) {
    using Codec = decltype(codec);
    if (n <= std::size_t{std::numeric_limits<std::uint32_t>::max()} + 1) {
      return ArgsortLanes<Codec, std::uint32_t>(pool, data, n, descending, out, stop);
    }
    return ArgsortLanes<Codec, std::uint64_t>(pool, data, n, descending, out, stop);
  });
}

}  // namespace corepool
