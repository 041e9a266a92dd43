// histogram/bincount counting (histogram.h), and binmax: the reduction that
// validates bincount input and finds its largest value.
#include "histogram.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "reduce.h"

namespace corepool {
namespace {

// Elements are converted to double a chunk at a time, so the binning loops
// below exist once instead of once per input and weight dtype.
constexpr std::size_t kChunk = 512;

void Load(const Operand& op, std::size_t begin, std::size_t n, double* out) {
  VisitDtype(op.dtype, [&](auto tag) {
    using T = decltype(tag);
    const T* x = op.As<T>() + begin;
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<double>(x[i]);
  });
}

// numpy's rule: bin k holds edges[k] <= x < edges[k+1], the last bin also
// x == edges[bins]. The estimate may be off by an ulp-sized step near an
// edge; the loops settle it against the edges themselves. `f < bins` keeps
// the cast in range (a signed cast: the unsigned one is a slow sequence).
inline std::size_t UniformBin(const double* edges, std::size_t last, double norm, double x) {
  const double f = (x - edges[0]) * norm;
  std::size_t k = f < static_cast<double>(last + 1) ? static_cast<std::size_t>(static_cast<std::int64_t>(f)) : last;
  if (x < edges[k]) {
    do --k;
    while (k > 0 && x < edges[k]);
  } else {
    while (k < last && x >= edges[k + 1]) ++k;
  }
  return k;
}

inline std::size_t EdgeBin(const double* edges, std::size_t bins, double x) {
  const std::size_t above = static_cast<std::size_t>(std::upper_bound(edges, edges + bins + 1, x) - edges);
  return std::min(above - 1, bins - 1);
}

// One instantiation per mode and weighting keeps both out of the element loop.
template <HistMode kMode, bool kWeighted>
void CountChunk(const HistSpec& s, const double* x, const double* w, std::size_t n, double* counts) {
  const double* e = s.edges;
  const std::size_t last = s.bins - 1;
  const double lo = kMode == HistMode::kBincount ? 0.0 : e[0];
  const double hi = kMode == HistMode::kBincount ? static_cast<double>(s.bins) : e[s.bins];
  const double norm = kMode == HistMode::kUniform ? static_cast<double>(s.bins) / (hi - lo) : 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = x[i];
    std::size_t k;
    if constexpr (kMode == HistMode::kBincount) {
      if (!(v >= 0.0 && v < hi)) continue;  // re-checked: shared memory may change under us
      k = static_cast<std::size_t>(static_cast<std::int64_t>(v));
    } else {
      if (!(v >= lo && v <= hi)) continue;
      k = kMode == HistMode::kUniform ? UniformBin(e, last, norm, v) : EdgeBin(e, s.bins, v);
    }
    counts[k] += kWeighted ? w[i] : 1.0;
  }
}

template <HistMode kMode>
void CountChunk(const HistSpec& s, const double* x, const double* w, std::size_t n, double* counts) {
  if (w != nullptr) {
    CountChunk<kMode, true>(s, x, w, n, counts);
  } else {
    CountChunk<kMode, false>(s, x, w, n, counts);
  }
}

}  // namespace

std::size_t HistParts(std::size_t n, std::size_t bins) {
  std::size_t parts = std::min(kHistMaxParts, BlockCount(n, kReduceBlock));
  parts = std::min(parts, kHistBudget / std::max<std::size_t>(bins, 1));
  return std::max<std::size_t>(parts, 1);
}

BlockRange HistPart(std::size_t n, std::size_t parts, std::size_t p) {
  const std::size_t blocks = BlockCount(n, kReduceBlock);
  const std::size_t first = p * blocks / parts;
  const std::size_t last = (p + 1) * blocks / parts;
  return {std::min(n, first * kReduceBlock), std::min(n, last * kReduceBlock)};
}

void HistCount(const HistSpec& spec, std::size_t begin, std::size_t end, double* counts) {
  if (spec.bins == 0) return;
  double x[kChunk];
  double w[kChunk];
  const bool weighted = spec.weights.data != nullptr;
  for (std::size_t at = begin; at < end; at += kChunk) {
    const std::size_t n = std::min(kChunk, end - at);
    Load(spec.a, at, n, x);
    if (weighted) Load(spec.weights, at, n, w);
    const double* wp = weighted ? w : nullptr;
    switch (spec.mode) {
      case HistMode::kUniform:
        CountChunk<HistMode::kUniform>(spec, x, wp, n, counts);
        break;
      case HistMode::kEdges:
        CountChunk<HistMode::kEdges>(spec, x, wp, n, counts);
        break;
      case HistMode::kBincount:
        CountChunk<HistMode::kBincount>(spec, x, wp, n, counts);
        break;
    }
  }
}

namespace {

// value = largest element; index = 1 when some element is not a
// non-negative integer (NaN, Inf, fractions and negatives all are not).
template <typename T>
Partial BinMax(const T* x, std::size_t n) {
  T best = 0;
  bool bad = false;
  for (std::size_t i = 0; i < n; ++i) {
    const T v = x[i];
    if constexpr (std::is_floating_point_v<T>) {
      bad |= !(v >= 0 && v == std::floor(v) && v <= T(9007199254740992.0));
    } else if constexpr (std::is_signed_v<T>) {
      bad |= v < 0;
    }
    best = v > best ? v : best;
  }
  Partial p;
  p.value = static_cast<double>(best);
  p.index = bad ? 1 : 0;
  return p;
}

Partial BinMaxBlock(const Operand* ops, std::size_t begin, std::size_t end) {
  return VisitDtype(ops[0].dtype, [&](auto tag) {
    using T = decltype(tag);
    return BinMax(ops[0].As<T>() + begin, end - begin);
  });
}

Partial BinMaxCombine(const Partial& l, const Partial& r) {
  Partial p;
  p.value = std::max(l.value, r.value);
  p.index = l.index | r.index;
  return p;
}

double BinMaxFinish(const Partial& total, const Operand*) {
  return total.index != 0 ? std::numeric_limits<double>::quiet_NaN() : total.value;
}

}  // namespace

ReduceKernel Make_binmax_Kernel() {
  return {"binmax", 1, false, -1.0, BinMaxBlock, BinMaxCombine, BinMaxFinish};
}

}  // namespace corepool
