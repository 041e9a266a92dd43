// Counter-based random kernels: uniform, normal and integers. Element g of a
// seed's stream is a pure function of (seed, g), computed from Philox4x32-10
// counters, so blocks run on any thread in any order and every pool size and
// both backends give the same bits. No N-API and no threads here.
//
// Counter layout, (c0, c1) = a 64-bit index, c2 = a draw number, c3 = the
// kernel's domain word (kept in sync with src/kernels/random.ts):
//   uniform   element g: 64 bits, words 2h (high) and 2h+1 of counter (g/2, 0),
//             h = g%2; float64 keeps the top 53 bits, float32 the top 24
//   normal    pair g/2: all four words of counter (g/2, 0), Box-Muller
//   integers  element g: word g%4 of counter (g/4, 0); rejection redraws take
//             word d%4 of counter (g, 1 + d/4) for redraw d = 0, 1, ...
#pragma once

#include <cstddef>
#include <cstdint>

#include "dtype.h"

namespace corepool {

/// Elements per block, the unit of parallel work. Values depend on the
/// element index only, so the block size never shows in the results.
inline constexpr std::size_t kRandomBlock = 16384;

/// Wire ids shared with src/kernels/random.ts (RANDOM_KINDS).
enum class RandomKind : std::uint8_t { kUniform = 0, kNormal = 1, kIntegers = 2 };
inline constexpr std::size_t kRandomKindCount = 3;

/// Everything a call needs, fixed on the JS thread before any block runs.
struct RandomCall {
  RandomKind kind = RandomKind::kUniform;
  std::uint32_t key[2] = {0, 0};  ///< the seed: low and high 32 bits
  std::uint64_t start = 0;        ///< stream index of out[0]
  /// uniform: low and high - low; normal: mean and std; integers: low and the
  /// range, an integer from 1 to 2^32 (out's dtype holds low + range - 1).
  double a = 0;
  double b = 0;
  void* out = nullptr;
  Dtype dtype = Dtype::kFloat64;
  std::size_t length = 0;
};

/// True when `kind` can write `dtype`: floats for uniform and normal, integers
/// for integers.
[[nodiscard]] bool RandomSupports(RandomKind kind, Dtype dtype);

/// Fills out[begin, end) with stream elements start + begin ... Pure compute;
/// any thread. The call must have been checked with RandomSupports.
void RunRandomBlock(const RandomCall& call, std::size_t begin, std::size_t end);

}  // namespace corepool
