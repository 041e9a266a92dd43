// The scalar side of sin/cos/tan: Payne-Hanek reduction for |x| > 2^19.
// glibc's own reduction is off by up to 8 ulp (cos) and 14 ulp (tan) at the
// classic worst case 6381956970095103 * 2^797, hence our own.
#include "unary_trig.h"

#include <cmath>

#include "unary_loops.h"

namespace corepool::unary {
namespace {

using U128 = unsigned __int128;

/// 192 bits of 2/pi starting at fraction bit j (bit 1 is the first after the
/// point), most significant word first. The table starts with 64 zero bits.
void TwoOverPiWindow(int j, std::uint64_t w[3]) {
  const int g = 63 + j;  // bit index from the top of kTwoOverPiBits[0]
  const int word = g / 64;
  const int shift = g % 64;
  for (int i = 0; i < 3; ++i) {
    const std::uint64_t high = kTwoOverPiBits[word + i];
    const std::uint64_t low = kTwoOverPiBits[word + i + 1];
    w[i] = shift == 0 ? high : (high << shift) | (low >> (64 - shift));
  }
}

}  // namespace

Reduced ReduceLarge(double x) {
  const std::uint64_t ix = Bits(x);
  const int exp = static_cast<int>((ix >> 52) & 0x7ff) - 1075;  // |x| = m * 2^exp
  const std::uint64_t m = (ix & 0x000fffffffffffffULL) | (1ULL << 52);
  // Bits of 2/pi whose weight m * 2^(exp - j) is a multiple of 4 drop out
  // (mod 2*pi); the window starts at weight 2^1 and reaches 2^-190, far past
  // the 2^-62 the worst double needs.
  std::uint64_t w[3];
  TwoOverPiWindow(exp - 1, w);
  const U128 t0 = static_cast<U128>(m) * w[2];
  const U128 t1 = static_cast<U128>(m) * w[1] + (t0 >> 64);
  const std::uint64_t f2 = static_cast<std::uint64_t>(static_cast<U128>(m) * w[0] + (t1 >> 64));
  const std::uint64_t f1 = static_cast<std::uint64_t>(t1);
  const std::uint64_t f0 = static_cast<std::uint64_t>(t0);
  // (f2 f1 f0) = |x| * 2/pi * 2^190 mod 2^192: the top two bits are the
  // quadrant, the rest the fraction, shifted up here to fill 192 bits.
  std::uint64_t q = f2 >> 62;
  std::uint64_t g2 = (f2 << 2) | (f1 >> 62);
  std::uint64_t g1 = (f1 << 2) | (f0 >> 62);
  std::uint64_t g0 = f0 << 2;
  double sign = 1.0;
  if (g2 >> 63) {  // fraction >= 1/2: take the next quadrant and a negative r
    q += 1;
    sign = -1.0;
    g0 = ~g0 + 1;
    g1 = ~g1 + (g0 == 0 ? 1 : 0);
    g2 = ~g2 + ((g0 == 0 && g1 == 0) ? 1 : 0);
  }
  // Normalise so the top bit of g2 is set; lz counts the shift.
  int lz = 0;
  while (g2 == 0 && lz < 128) {
    g2 = g1;
    g1 = g0;
    g0 = 0;
    lz += 64;
  }
  const int s = __builtin_clzll(g2 | 1);
  if (s > 0) {
    g2 = (g2 << s) | (g1 >> (64 - s));
    g1 = (g1 << s) | (g0 >> (64 - s));
  }
  lz += s;
  // fraction = (g2 g1 ...) * 2^(-192 - lz + 128) in quarter turns.
  const double f_hi = std::ldexp(static_cast<double>(g2 >> 11), -53 - lz);
  const double f_lo = std::ldexp(static_cast<double>(g2 & 0x7ff) * 0x1p64 + static_cast<double>(g1), -128 - lz);
  const DD p = TwoProduct(f_hi, kPio2Hi);
  const double lo = p.lo + (f_hi * kPio2Lo + f_lo * kPio2Hi);
  const double hi = p.hi + lo;
  Reduced r{sign * hi, sign * (lo - (hi - p.hi)), q};
  if (x < 0) {
    r.hi = -r.hi;
    r.lo = -r.lo;
    r.q = 0 - r.q;
  }
  return r;
}

double SinSlow(double x) {
  return std::isfinite(x) ? SinOf(ReduceLarge(x)) : x - x;
}
double CosSlow(double x) {
  return std::isfinite(x) ? CosOf(ReduceLarge(x)) : x - x;
}
double TanSlow(double x) {
  return std::isfinite(x) ? TanOf(ReduceLarge(x)) : x - x;
}

}  // namespace corepool::unary

namespace corepool {
namespace {

namespace u = ::corepool::unary;

struct SinOp {
  static COREPOOL_INLINE double Apply(double x) { return u::Sin(x); }
  static COREPOOL_INLINE bool Fast(double x) { return u::TrigFast(x); }
  static double Slow(double x) { return u::SinSlow(x); }
};
struct CosOp {
  static COREPOOL_INLINE double Apply(double x) { return u::Cos(x); }
  static COREPOOL_INLINE bool Fast(double x) { return u::TrigFast(x); }
  static double Slow(double x) { return u::CosSlow(x); }
};
struct TanOp {
  static COREPOOL_INLINE double Apply(double x) { return u::Tan(x); }
  static COREPOOL_INLINE bool Fast(double x) { return u::TrigFast(x); }
  static double Slow(double x) { return u::TanSlow(x); }
};

COREPOOL_UNARY_DOUBLE(GuardedLoop, SinOp, Sin)
COREPOOL_UNARY_DOUBLE(GuardedLoop, CosOp, Cos)
COREPOOL_UNARY_DOUBLE(GuardedLoop, TanOp, Tan)

}  // namespace

MapKernel Make_sin_Map() {
  return {"sin", 1, SinPlan};
}
MapKernel Make_cos_Map() {
  return {"cos", 1, CosPlan};
}
MapKernel Make_tan_Map() {
  return {"tan", 1, TanPlan};
}

}  // namespace corepool
