// Philox4x32-10, written from its publication (Salmon, Moraes, Dror and Shaw,
// "Parallel random numbers: as easy as 1, 2, 3", SC'11): ten rounds of a
// Feistel-like network that maps a 128-bit counter to 128 random bits under a
// 64-bit key. It has no state, so any element of a stream can be computed on
// any thread. The JS twin is src/kernels/random_philox.ts.
#pragma once

#include <cstdint>

namespace corepool {

inline constexpr std::uint32_t kPhiloxM0 = 0xD2511F53u;
inline constexpr std::uint32_t kPhiloxM1 = 0xCD9E8D57u;
inline constexpr std::uint32_t kPhiloxW0 = 0x9E3779B9u;  // key schedule: golden ratio
inline constexpr std::uint32_t kPhiloxW1 = 0xBB67AE85u;  // and sqrt(3) - 1

struct PhiloxOut {
  std::uint32_t w[4];
};

/// Philox4x32-10 of counter (c0, c1, c2, c3) under key (k0, k1). Plain scalar
/// code with no branches, so a loop over independent counters vectorises.
[[nodiscard]] inline PhiloxOut Philox(
    std::uint32_t c0, std::uint32_t c1, std::uint32_t c2, std::uint32_t c3, std::uint32_t k0, std::uint32_t k1) {
#pragma GCC unroll 10
  for (int round = 0; round < 10; ++round) {
    const std::uint64_t p0 = static_cast<std::uint64_t>(kPhiloxM0) * c0;
    const std::uint64_t p1 = static_cast<std::uint64_t>(kPhiloxM1) * c2;
    const std::uint32_t next0 = static_cast<std::uint32_t>(p1 >> 32) ^ c1 ^ k0;
    const std::uint32_t next2 = static_cast<std::uint32_t>(p0 >> 32) ^ c3 ^ k1;
    c1 = static_cast<std::uint32_t>(p1);
    c3 = static_cast<std::uint32_t>(p0);
    c0 = next0;
    c2 = next2;
    k0 += kPhiloxW0;
    k1 += kPhiloxW1;
  }
  return {{c0, c1, c2, c3}};
}

}  // namespace corepool
