// GEMM macro-kernels: one per (ISA family, dtype), each a register-blocked
// micro-kernel written once with GCC vector extensions and instantiated with
// the tile that fills that ISA's register file.
//
// Why this file may fuse multiply-adds (everything else in native/ is built
// with -ffp-contract=off for bit parity with the JS twins): matmul promises
// error bounds, not JS bit parity, and FMA doubles the peak. The pragma below
// lets the compiler fuse; only the vector clones actually can, and
// scripts/check_isa.mjs accepts fused instructions only in clone symbols of
// functions whose name contains "GemmFma" (the naming rule it documents).
//
// Dispatch: every GemmFma* function is target_clones(<one ISA>, "default"),
// so the ifunc resolver guarantees no SIGILL whichever is called; GemmBestIsa
// picks the family whose clone this CPU runs, which fixes the tile geometry
// the driver packs for.
#include <cstring>

#include "matmul.h"

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("fp-contract=fast")
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__) &&                           \
    !defined(COREPOOL_NO_CLONES)
#define COREPOOL_GEMM_CLONES 1
#define COREPOOL_CLONE_V4 __attribute__((target_clones("arch=x86-64-v4", "default")))
#define COREPOOL_CLONE_V3 __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define COREPOOL_GEMM_CLONES 0
#define COREPOOL_CLONE_V4
#define COREPOOL_CLONE_V3
#endif

namespace corepool {
namespace {

template <typename T, int W>
struct VecOf {
  typedef T V __attribute__((vector_size(W * sizeof(T))));
};

/// Unaligned vector load/store: C rows are only element-aligned. GCC vector
/// types alias their element type; memcpy made GCC bounce through the stack.
/// By reference: vectors by value would change the psABI between clones.
template <typename V, typename T>
__attribute__((always_inline)) inline void LoadU(V& out, const T* p) {
  typedef V U __attribute__((aligned(sizeof(T))));
  out = *reinterpret_cast<const U*>(p);
}
template <typename V, typename T>
__attribute__((always_inline)) inline void StoreU(T* p, const V& v) {
  typedef V U __attribute__((aligned(sizeof(T))));
  *reinterpret_cast<U*>(p) = v;
}

/// acc[i][v] = sum over p of Ap(i, p) * Bp(p, v*W .. v*W+W-1), kc deep.
template <typename T, int W, int MR, int NV>
__attribute__((always_inline)) inline void MicroTile(std::size_t kc,
                                                     const T* a,
                                                     const T* b,
                                                     typename VecOf<T, W>::V (&acc)[MR][NV]) {
  using V = typename VecOf<T, W>::V;
  for (int i = 0; i < MR; ++i) {
    for (int v = 0; v < NV; ++v) acc[i][v] = V{};
  }
  for (std::size_t p = 0; p < kc; ++p) {
    V bv[NV];
    for (int v = 0; v < NV; ++v) LoadU(bv[v], b + v * W);
    for (int i = 0; i < MR; ++i) {
      const T ai = a[i];
      for (int v = 0; v < NV; ++v) acc[i][v] += ai * bv[v];
    }
    a += MR;
    b += W * NV;
  }
}

/// Writes one tile row segment: c = alpha*acc (+ beta*c when read_c).
template <typename T, typename V>
__attribute__((always_inline)) inline void StoreTile(const V& acc, T* c, T alpha, T beta, bool read_c) {
  V out = alpha * acc;
  if (read_c) {
    V old;
    LoadU(old, c);
    out += beta * old;
  }
  StoreU(c, out);
}

template <typename T, int W, int MR, int NV>
__attribute__((always_inline)) inline void MacroBody(const GemmBlock<T>& g) {
  using V = typename VecOf<T, W>::V;
  constexpr std::size_t kNr = static_cast<std::size_t>(W * NV);
  for (std::size_t j = 0; j < g.n; j += kNr) {
    const T* bp = g.b_packed + j * g.kc;
    const std::size_t nw = g.n - j < kNr ? g.n - j : kNr;
    for (std::size_t i = 0; i < g.m; i += MR) {
      const std::size_t mh = g.m - i < MR ? g.m - i : MR;
      V acc[MR][NV];
      MicroTile<T, W, MR, NV>(g.kc, g.a_packed + i * g.kc, bp, acc);
      T* c = g.c + i * g.ldc + j;
      if (mh == MR && nw == kNr) {
        for (int r = 0; r < MR; ++r) {
          for (int v = 0; v < NV; ++v) {
            StoreTile<T, V>(acc[r][v], c + r * g.ldc + v * W, g.alpha, g.beta, g.read_c);
          }
        }
        continue;
      }
      // Edge tile: the same vector arithmetic on a padded copy, so edge and
      // interior elements round identically.
      T tile[MR][W * NV] = {};
      if (g.read_c) {
        for (std::size_t r = 0; r < mh; ++r) std::memcpy(tile[r], c + r * g.ldc, nw * sizeof(T));
      }
      for (std::size_t r = 0; r < mh; ++r) {
        for (int v = 0; v < NV; ++v) {
          StoreTile<T, V>(acc[r][v], tile[r] + v * W, g.alpha, g.beta, g.read_c);
        }
        std::memcpy(c + r * g.ldc, tile[r], nw * sizeof(T));
      }
    }
  }
}

COREPOOL_CLONE_V4 void GemmFmaV4F64(const GemmBlock<double>& g) {
  MacroBody<double, 8, 8, 3>(g);
}
COREPOOL_CLONE_V4 void GemmFmaV4F32(const GemmBlock<float>& g) {
  MacroBody<float, 16, 8, 3>(g);
}
COREPOOL_CLONE_V3 void GemmFmaV3F64(const GemmBlock<double>& g) {
  MacroBody<double, 4, 6, 2>(g);
}
COREPOOL_CLONE_V3 void GemmFmaV3F32(const GemmBlock<float>& g) {
  MacroBody<float, 8, 6, 2>(g);
}
// Baseline: SSE2 has 16 xmm registers and no FMA, so 4 rows x 2 vectors.
void GemmPortableF64(const GemmBlock<double>& g) {
  MacroBody<double, 2, 4, 2>(g);
}
void GemmPortableF32(const GemmBlock<float>& g) {
  MacroBody<float, 4, 4, 2>(g);
}

// {mr, nr, kc, mc, nc}: mr x nr is the register tile (AVX-512: 24 of the 32
// zmm registers accumulate; AVX2: 12 of 16 ymm). A kc x nr B panel stays in
// L1 and an mc x kc A block in L2, the kc x nc B block in the shared L3.
// Measured on the Zen 5 this was tuned on (48 KiB L1d, 1 MiB L2 per core,
// 32 MiB L3) with /tmp tuning runs of GemmWith: kc 128-384 and mc 96-384
// were all within a few percent at n = 1500-2000; these sit in the middle.
const GemmKernel<double> kF64[kGemmIsaCount] = {
    {4, 4, 256, 128, 2048, GemmPortableF64},
    {6, 8, 256, 120, 2048, GemmFmaV3F64},
    {8, 24, 192, 192, 2400, GemmFmaV4F64},
};
const GemmKernel<float> kF32[kGemmIsaCount] = {
    {4, 8, 256, 128, 2048, GemmPortableF32},
    {6, 16, 256, 120, 2048, GemmFmaV3F32},
    {8, 48, 192, 256, 4800, GemmFmaV4F32},
};

}  // namespace

const GemmKernel<double>& GemmKernelF64(GemmIsa isa) {
  return kF64[static_cast<int>(isa)];
}
const GemmKernel<float>& GemmKernelF32(GemmIsa isa) {
  return kF32[static_cast<int>(isa)];
}

GemmIsa GemmBestIsa() {
#if COREPOOL_GEMM_CLONES
  __builtin_cpu_init();
  if (__builtin_cpu_supports("x86-64-v4")) return GemmIsa::kAvx512;
  if (__builtin_cpu_supports("x86-64-v3")) return GemmIsa::kAvx2;
#endif
  return GemmIsa::kPortable;
}

}  // namespace corepool
