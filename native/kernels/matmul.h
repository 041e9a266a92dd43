// GEMM building blocks (pure compute, no threads): packing of op(A) and op(B)
// into panels, and per-ISA macro-kernels that multiply one packed A block by
// one packed B block into C. native/binding/gemm_driver.cc sequences them.
//
// Layout of the packed buffers (Goto/BLIS):
//   A block (mc x kc): ceil(mc/mr) panels; panel r holds element (r*mr+i, p)
//     at [r*mr*kc + p*mr + i], rows past mc zero-filled.
//   B block (kc x nc): ceil(nc/nr) panels; panel s holds element (p, s*nr+j)
//     at [s*nr*kc + p*nr + j], columns past nc zero-filled.
#pragma once

#include <cstddef>

namespace corepool {

/// The micro-kernel families. Each is a target_clones function with one
/// vector clone plus a baseline default, so any of them is safe to call on
/// any CPU; GemmBestIsa() picks the one whose clone this CPU runs.
enum class GemmIsa { kPortable = 0, kAvx2 = 1, kAvx512 = 2 };
inline constexpr int kGemmIsaCount = 3;

/// op(X) as stored: element (r, c) of op(X) is at data[r*rs + c*cs].
template <typename T>
struct MatrixView {
  const T* data;
  std::size_t rs;
  std::size_t cs;
};

/// One macro-kernel call: C[0:m, 0:n] (row stride ldc) = alpha * Ap * Bp
/// + (read_c ? beta * C : 0), over a kc-deep packed A block and B block.
template <typename T>
struct GemmBlock {
  std::size_t m;
  std::size_t n;
  std::size_t kc;
  const T* a_packed;
  const T* b_packed;
  T* c;
  std::size_t ldc;
  T alpha;
  T beta;
  bool read_c;
};

/// Tile geometry and blocking of one (ISA, dtype) kernel. mc is a multiple
/// of mr and nc of nr, so every tile sits at the same place in C whatever
/// the work split (the result never depends on the thread count).
template <typename T>
struct GemmKernel {
  std::size_t mr;
  std::size_t nr;
  std::size_t kc;
  std::size_t mc;
  std::size_t nc;
  void (*macro)(const GemmBlock<T>& block);
};

[[nodiscard]] const GemmKernel<double>& GemmKernelF64(GemmIsa isa);
[[nodiscard]] const GemmKernel<float>& GemmKernelF32(GemmIsa isa);
/// The widest family whose vector clone this CPU (and build) runs.
[[nodiscard]] GemmIsa GemmBestIsa();

/// Packs rows [0, mc) and columns [0, kc) of `a` (already offset to the
/// block's corner) into mr-row panels.
template <typename T>
void GemmPackA(MatrixView<T> a, std::size_t mc, std::size_t kc, std::size_t mr, T* out);
/// Packs rows [0, kc) and columns [0, nc) of `b` into nr-column panels.
template <typename T>
void GemmPackB(MatrixView<T> b, std::size_t kc, std::size_t nc, std::size_t nr, T* out);

}  // namespace corepool
