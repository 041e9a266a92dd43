// Uniform, normal and integers over Philox4x32-10 counters (see random.h for
// the counter layout). Each kernel runs whole Philox blocks in batches: one
// loop computes a batch of counters into four word arrays, a second turns the
// words into values; both are straight-line per lane, so GCC vectorises them
// in every target_clones variant. A partial block at either end of a range
// goes through the same per-lane functions one element at a time.
#include "random.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "random_math.h"
#include "random_philox.h"
#include "simd.h"

namespace corepool {
namespace {

using random_math::CosQuarter;
using random_math::Join53;
using random_math::MinusTwoLogUnit;
using random_math::SinQuarter;

// Counter word 3 of each kernel (src/kernels/random.ts DOMAIN).
constexpr std::uint32_t kDomainUniform = 0x55;
constexpr std::uint32_t kDomainNormal = 0x4E;
constexpr std::uint32_t kDomainIntegers = 0x49;

// Philox blocks per batch: the word arrays (1 KiB) stay in L1.
constexpr std::size_t kBatch = 64;

struct Words {
  std::uint32_t w[4][kBatch];
};

inline PhiloxOut PhiloxAt(const RandomCall& c, std::uint64_t index, std::uint32_t draw, std::uint32_t domain) {
  return Philox(
      static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32), draw, domain, c.key[0], c.key[1]);
}

// Counters (first + j, 0, domain) for j < n.
inline void PhiloxBatch(const RandomCall& c, std::uint64_t first, std::size_t n, std::uint32_t domain, Words* out) {
  const std::uint32_t k0 = c.key[0];
  const std::uint32_t k1 = c.key[1];
  for (std::size_t j = 0; j < n; ++j) {
    const std::uint64_t index = first + j;
    const PhiloxOut o =
        Philox(static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32), 0, domain, k0, k1);
    out->w[0][j] = o.w[0];
    out->w[1][j] = o.w[1];
    out->w[2][j] = o.w[2];
    out->w[3][j] = o.w[3];
  }
}

// ---------------------------------------------------------------- uniform

// float64 takes the top 53 bits of the element's 64, float32 the top 24, so
// a float32 stream is the float64 stream's unit values truncated.
inline double UniformValue(double a, double b, std::uint32_t hi, std::uint32_t lo, double) {
  return a + b * (Join53(hi, lo) * 0x1p-53);
}
inline float UniformValue(double a, double b, std::uint32_t hi, std::uint32_t, float) {
  return static_cast<float>(a + b * (static_cast<double>(static_cast<std::int32_t>(hi >> 8)) * 0x1p-24));
}

template <typename T>
[[gnu::always_inline]] inline void UniformPairs(const RandomCall& c, std::uint64_t pair, std::size_t pairs, T* out) {
  Words words;
  for (std::size_t base = 0; base < pairs; base += kBatch) {
    const std::size_t n = std::min(kBatch, pairs - base);
    PhiloxBatch(c, pair + base, n, kDomainUniform, &words);
    T* dst = out + 2 * base;
    for (std::size_t j = 0; j < n; ++j) {
      dst[2 * j] = UniformValue(c.a, c.b, words.w[0][j], words.w[1][j], T{});
      dst[2 * j + 1] = UniformValue(c.a, c.b, words.w[2][j], words.w[3][j], T{});
    }
  }
}

COREPOOL_CLONES void UniformPairsF64(const RandomCall& c, std::uint64_t pair, std::size_t pairs, double* out) {
  UniformPairs(c, pair, pairs, out);
}
COREPOOL_CLONES void UniformPairsF32(const RandomCall& c, std::uint64_t pair, std::size_t pairs, float* out) {
  UniformPairs(c, pair, pairs, out);
}

// ---------------------------------------------------------------- normal

// Box-Muller on one counter: radius from words 0-1 (a unit value in (0, 1]),
// angle from words 2-3 as q quarter turns plus f in [-1/2, 1/2), so the angle
// reduction is exact. Returns the pair's (r cos, r sin).
inline void BoxMuller(std::uint32_t w0, std::uint32_t w1, std::uint32_t w2, std::uint32_t w3, double* x, double* y) {
  const double r = std::sqrt(MinusTwoLogUnit(Join53(w0, w1) + 1));
  const std::uint32_t q = ((w2 >> 29) + 1) >> 1;
  const double f = Join53(w2, w3) * 0x1p-51 - static_cast<double>(static_cast<std::int32_t>(q));
  const double cq = CosQuarter(f);
  const double sq = SinQuarter(f);
  const bool odd = (q & 1) != 0;
  const double u = odd ? sq : cq;
  const double v = odd ? cq : sq;
  // Multiplying by -1 negates exactly, and keeps the selects free of arithmetic.
  *x = r * (u * (((q + 1) & 2) != 0 ? -1.0 : 1.0));
  *y = r * (v * ((q & 2) != 0 ? -1.0 : 1.0));
}

template <typename T>
[[gnu::always_inline]] inline void NormalPairs(const RandomCall& c, std::uint64_t pair, std::size_t pairs, T* out) {
  Words words;
  for (std::size_t base = 0; base < pairs; base += kBatch) {
    const std::size_t n = std::min(kBatch, pairs - base);
    PhiloxBatch(c, pair + base, n, kDomainNormal, &words);
    T* dst = out + 2 * base;
    for (std::size_t j = 0; j < n; ++j) {
      double x;
      double y;
      BoxMuller(words.w[0][j], words.w[1][j], words.w[2][j], words.w[3][j], &x, &y);
      dst[2 * j] = static_cast<T>(c.a + c.b * x);
      dst[2 * j + 1] = static_cast<T>(c.a + c.b * y);
    }
  }
}

COREPOOL_CLONES void NormalPairsF64(const RandomCall& c, std::uint64_t pair, std::size_t pairs, double* out) {
  NormalPairs(c, pair, pairs, out);
}
COREPOOL_CLONES void NormalPairsF32(const RandomCall& c, std::uint64_t pair, std::size_t pairs, float* out) {
  NormalPairs(c, pair, pairs, out);
}

// Element g of a pair-based stream: runs its counter and keeps one half.
template <typename T>
T UniformAt(const RandomCall& c, std::uint64_t g) {
  const PhiloxOut o = PhiloxAt(c, g >> 1, 0, kDomainUniform);
  const int h = static_cast<int>(g & 1);
  return UniformValue(c.a, c.b, o.w[2 * h], o.w[2 * h + 1], T{});
}

template <typename T>
T NormalAt(const RandomCall& c, std::uint64_t g) {
  const PhiloxOut o = PhiloxAt(c, g >> 1, 0, kDomainNormal);
  double x;
  double y;
  BoxMuller(o.w[0], o.w[1], o.w[2], o.w[3], &x, &y);
  return static_cast<T>(c.a + c.b * ((g & 1) != 0 ? y : x));
}

// Splits [begin, end) into a leading odd element, whole pairs and a trailing
// element, by stream index.
template <typename T,
          T (*At)(const RandomCall&, std::uint64_t),
          void (*Pairs)(const RandomCall&, std::uint64_t, std::size_t, T*)>
void RunPaired(const RandomCall& c, std::size_t begin, std::size_t end) {
  T* out = static_cast<T*>(c.out);
  if (begin < end && ((c.start + begin) & 1) != 0) {
    out[begin] = At(c, c.start + begin);
    ++begin;
  }
  const std::size_t pairs = (end - begin) / 2;
  Pairs(c, (c.start + begin) >> 1, pairs, out + begin);
  begin += 2 * pairs;
  if (begin < end) out[begin] = At(c, c.start + begin);
}

// ---------------------------------------------------------------- integers

// Lemire's nearly divisionless method: hi * 2^32 + lo = w * range, and w is
// redrawn while lo < 2^32 mod range, which leaves every hi equally likely.
// Redraws come from element g's own counters, so they never shift another
// element's values.
struct IntegerPlan {
  bool full;                // range 2^32: every word is a value as it is
  std::uint32_t range;      // otherwise 1 to 2^32 - 1
  std::uint32_t threshold;  // 2^32 mod range
  std::uint32_t low;        // low, modulo 2^32: the store truncates to T
};

IntegerPlan PlanIntegers(const RandomCall& c) {
  const auto range = static_cast<std::uint64_t>(c.b);
  const auto low = static_cast<std::uint32_t>(static_cast<std::int64_t>(c.a));
  if (range == std::uint64_t{1} << 32) return {true, 0, 0, low};
  return {false, static_cast<std::uint32_t>(range), static_cast<std::uint32_t>((std::uint64_t{1} << 32) % range), low};
}

inline std::uint64_t Product(std::uint32_t w, std::uint32_t range) {
  return static_cast<std::uint64_t>(w) * range;
}

inline std::uint32_t Accept(const RandomCall& c, const IntegerPlan& plan, std::uint64_t g, std::uint32_t w) {
  if (plan.full) return w;
  for (std::uint32_t draw = 0; static_cast<std::uint32_t>(Product(w, plan.range)) < plan.threshold; ++draw) {
    w = PhiloxAt(c, g, 1 + draw / 4, kDomainIntegers).w[draw % 4];
  }
  return static_cast<std::uint32_t>(Product(w, plan.range) >> 32);
}

template <typename T>
T IntegerAt(const RandomCall& c, const IntegerPlan& plan, std::uint64_t g) {
  const std::uint32_t w = PhiloxAt(c, g >> 2, 0, kDomainIntegers).w[g & 3];
  return static_cast<T>(plan.low + Accept(c, plan, g, w));
}

// The first draw of every element, vectorised; returns whether any was rejected.
template <typename T>
[[gnu::always_inline]] inline bool FirstDraws(const IntegerPlan& plan, const Words& words, std::size_t n, T* dst) {
  if (plan.full) {
    for (std::size_t j = 0; j < n; ++j) {
      for (std::size_t lane = 0; lane < 4; ++lane) dst[4 * j + lane] = static_cast<T>(plan.low + words.w[lane][j]);
    }
    return false;
  }
  std::uint32_t rejected = 0;
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t lane = 0; lane < 4; ++lane) {
      const std::uint64_t m = Product(words.w[lane][j], plan.range);
      rejected |= static_cast<std::uint32_t>(static_cast<std::uint32_t>(m) < plan.threshold);
      dst[4 * j + lane] = static_cast<T>(plan.low + static_cast<std::uint32_t>(m >> 32));
    }
  }
  return rejected != 0;
}

template <typename T>
[[gnu::always_inline]] inline void IntegerQuads(
    const RandomCall& c, const IntegerPlan& plan, std::uint64_t quad, std::size_t quads, T* out) {
  Words words;
  for (std::size_t base = 0; base < quads; base += kBatch) {
    const std::size_t n = std::min(kBatch, quads - base);
    PhiloxBatch(c, quad + base, n, kDomainIntegers, &words);
    T* dst = out + 4 * base;
    if (!FirstDraws(plan, words, n, dst)) continue;
    for (std::size_t j = 0; j < n; ++j) {
      for (std::size_t lane = 0; lane < 4; ++lane) {
        const std::uint32_t w = words.w[lane][j];
        if (static_cast<std::uint32_t>(Product(w, plan.range)) >= plan.threshold) continue;
        const std::uint64_t g = 4 * (quad + base + j) + lane;
        dst[4 * j + lane] = static_cast<T>(plan.low + Accept(c, plan, g, w));
      }
    }
  }
}

// One clone set per integer dtype, plus an overload that picks it by type.
#define COREPOOL_INTEGER_QUADS(T, Name)                                                                                \
  COREPOOL_CLONES void Name(                                                                                           \
      const RandomCall& c, const IntegerPlan& plan, std::uint64_t quad, std::size_t quads, T* out) {                   \
    IntegerQuads(c, plan, quad, quads, out);                                                                           \
  }                                                                                                                    \
  inline void IntegerQuadsFor(                                                                                         \
      const RandomCall& c, const IntegerPlan& plan, std::uint64_t quad, std::size_t quads, T* out) {                   \
    Name(c, plan, quad, quads, out);                                                                                   \
  }
COREPOOL_INTEGER_QUADS(std::int32_t, IntegerQuadsI32)
COREPOOL_INTEGER_QUADS(std::uint32_t, IntegerQuadsU32)
COREPOOL_INTEGER_QUADS(std::int16_t, IntegerQuadsI16)
COREPOOL_INTEGER_QUADS(std::uint16_t, IntegerQuadsU16)
COREPOOL_INTEGER_QUADS(std::int8_t, IntegerQuadsI8)
COREPOOL_INTEGER_QUADS(std::uint8_t, IntegerQuadsU8)
#undef COREPOOL_INTEGER_QUADS

template <typename T>
void RunIntegers(const RandomCall& c, std::size_t begin, std::size_t end) {
  T* out = static_cast<T*>(c.out);
  const IntegerPlan plan = PlanIntegers(c);
  for (; begin < end && ((c.start + begin) & 3) != 0; ++begin) out[begin] = IntegerAt<T>(c, plan, c.start + begin);
  const std::size_t quads = (end - begin) / 4;
  IntegerQuadsFor(c, plan, (c.start + begin) >> 2, quads, out + begin);
  for (begin += 4 * quads; begin < end; ++begin) out[begin] = IntegerAt<T>(c, plan, c.start + begin);
}

}  // namespace

bool RandomSupports(RandomKind kind, Dtype dtype) {
  return kind == RandomKind::kIntegers ? !IsFloat(dtype) : IsFloat(dtype);
}

void RunRandomBlock(const RandomCall& c, std::size_t begin, std::size_t end) {
  if (begin >= end) return;
  switch (c.kind) {
    case RandomKind::kUniform:
      if (c.dtype == Dtype::kFloat64) return RunPaired<double, UniformAt<double>, UniformPairsF64>(c, begin, end);
      return RunPaired<float, UniformAt<float>, UniformPairsF32>(c, begin, end);
    case RandomKind::kNormal:
      if (c.dtype == Dtype::kFloat64) return RunPaired<double, NormalAt<double>, NormalPairsF64>(c, begin, end);
      return RunPaired<float, NormalAt<float>, NormalPairsF32>(c, begin, end);
    case RandomKind::kIntegers:
      return VisitDtype(c.dtype, [&](auto tag) {
        using T = decltype(tag);
        if constexpr (std::is_integral_v<T>) RunIntegers<T>(c, begin, end);
      });
  }
}

}  // namespace corepool
