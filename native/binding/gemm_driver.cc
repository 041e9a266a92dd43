// The Goto/BLIS loop nest around the macro-kernels of matmul_tiles.cc:
//   for each nc-wide column block of C (jc)
//     for each kc-deep slice of k (pc)        <- fixed by k alone
//       pack op(B)[pc, jc] once, in parallel over nr panels
//       in parallel over (mc-row block of C) x (slice of the B panels):
//         pack that op(A)[ic, pc] block, run the macro-kernel on its C tiles
// The first k slice applies beta (and never reads C when beta == 0); later
// slices accumulate. Each C element is thus summed in the same order
// whatever the split, so every pool size gives the same bits.
#include "gemm_driver.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <new>

#include "../pool/parallel.h"

namespace corepool {
namespace {

constexpr std::size_t kAlign = 64;

struct AlignedFree {
  void operator()(void* p) const { ::operator delete[](p, std::align_val_t(kAlign)); }
};

/// Cache-line aligned scratch; throws std::bad_alloc.
template <typename T>
std::unique_ptr<T[], AlignedFree> AllocAligned(std::size_t count) {
  return std::unique_ptr<T[], AlignedFree>(
      static_cast<T*>(::operator new[](count * sizeof(T), std::align_val_t(kAlign))));
}

/// One A-block buffer per thread, grown on demand and kept for the next call.
template <typename T>
T* ThreadScratch(std::size_t count) {
  thread_local std::unique_ptr<T[], AlignedFree> buffer;
  thread_local std::size_t capacity = 0;
  if (capacity < count) {
    buffer.reset();
    capacity = 0;
    buffer = AllocAligned<T>(count);
    capacity = count;
  }
  return buffer.get();
}

std::size_t CeilDiv(std::size_t a, std::size_t b) {
  return (a + b - 1) / b;
}

/// C = beta*C for the alpha == 0 / k == 0 cases; beta == 0 never reads C.
template <typename T>
void ScaleC(const GemmArgs<T>& g, ThreadPool& pool) {
  if (g.beta == T(1)) return;
  const std::size_t rows_per_block = std::max<std::size_t>(1, 65536 / std::max<std::size_t>(1, g.n));
  ParallelFor(pool, 0, g.m, rows_per_block, [&](std::size_t lo, std::size_t hi) {
    T* c = g.c + lo * g.n;
    const std::size_t count = (hi - lo) * g.n;
    if (g.beta == T(0)) {
      std::fill(c, c + count, T(0));
    } else {
      for (std::size_t i = 0; i < count; ++i) c[i] *= g.beta;
    }
  });
}

/// Everything one (jc, pc) step needs.
template <typename T>
struct Step {
  const GemmArgs<T>* g;
  const GemmKernel<T>* kern;
  MatrixView<T> a;
  MatrixView<T> b;
  std::size_t jc, ncur, pc, kcur;
  T* b_packed;
  bool serial;  // too small to be worth waking the pool
};

/// Below this many flops (~20 us of work) a product runs on the calling
/// thread: waking the pool costs more than it saves.
constexpr double kSerialFlops = 2.0 * 128 * 128 * 64;

template <typename T>
void PackBStep(const Step<T>& s, ThreadPool& pool) {
  const std::size_t nr = s.kern->nr;
  const std::size_t panels = CeilDiv(s.ncur, nr);
  const std::size_t per_block =
      s.serial ? panels : std::max<std::size_t>(1, CeilDiv(panels, 4 * std::max<std::size_t>(1, pool.size())));
  ParallelFor(pool, 0, panels, per_block, [&](std::size_t lo, std::size_t hi) {
    const std::size_t j0 = lo * nr;
    const std::size_t j1 = std::min(s.ncur, hi * nr);
    const MatrixView<T> view{s.b.data + s.pc * s.b.rs + (s.jc + j0) * s.b.cs, s.b.rs, s.b.cs};
    GemmPackB(view, s.kcur, j1 - j0, nr, s.b_packed + j0 * s.kcur);
  });
}

/// Task `task` of a step: packs its A block and multiplies it by its slice
/// of the packed B panels.
template <typename T>
void RunTask(const Step<T>& s, std::size_t task, std::size_t real_slices, std::size_t panels_per_slice) {
  const GemmArgs<T>& g = *s.g;
  const GemmKernel<T>& kern = *s.kern;
  const std::size_t ic = (task / real_slices) * kern.mc;
  const std::size_t mcur = std::min(kern.mc, g.m - ic);
  const std::size_t j0 = (task % real_slices) * panels_per_slice * kern.nr;
  const std::size_t j1 = std::min(s.ncur, j0 + panels_per_slice * kern.nr);
  T* a_packed = ThreadScratch<T>(CeilDiv(mcur, kern.mr) * kern.mr * s.kcur);
  const MatrixView<T> view{s.a.data + ic * s.a.rs + s.pc * s.a.cs, s.a.rs, s.a.cs};
  GemmPackA(view, mcur, s.kcur, kern.mr, a_packed);
  const bool first = s.pc == 0;
  const GemmBlock<T> block{mcur,
                           j1 - j0,
                           s.kcur,
                           a_packed,
                           s.b_packed + j0 * s.kcur,
                           g.c + ic * g.n + s.jc + j0,
                           g.n,
                           g.alpha,
                           first ? g.beta : T(1),
                           !first || g.beta != T(0)};
  kern.macro(block);
}

template <typename T>
void ComputeStep(const Step<T>& s, ThreadPool& pool) {
  const GemmArgs<T>& g = *s.g;
  const GemmKernel<T>& kern = *s.kern;
  const std::size_t mblocks = CeilDiv(g.m, kern.mc);
  const std::size_t panels = CeilDiv(s.ncur, kern.nr);
  // Slicing the B panels too keeps every thread busy when m is small, and
  // ~16 tasks per thread keep the end of each step short when a thread is
  // preempted (a shared machine). Slices only move task boundaries between
  // tiles, never tiles within C; each slice repacks its A block (cheap:
  // mc*kc copies against mc*kc*width*2 flops).
  const std::size_t threads = std::max<std::size_t>(1, pool.size());
  const std::size_t max_slices = std::max<std::size_t>(1, panels / 4);
  const std::size_t slices = std::min(max_slices, std::max(threads, CeilDiv(16 * threads, mblocks)));
  const std::size_t panels_per_slice = CeilDiv(panels, slices);
  const std::size_t real_slices = CeilDiv(panels, panels_per_slice);
  const std::size_t tasks = mblocks * real_slices;
  ParallelFor(pool, 0, tasks, s.serial ? tasks : 1, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t task = lo; task < hi; ++task) RunTask(s, task, real_slices, panels_per_slice);
  });
}

template <typename T>
const GemmKernel<T>& KernelFor(GemmIsa isa);
template <>
const GemmKernel<double>& KernelFor<double>(GemmIsa isa) {
  return GemmKernelF64(isa);
}
template <>
const GemmKernel<float>& KernelFor<float>(GemmIsa isa) {
  return GemmKernelF32(isa);
}

}  // namespace

template <typename T>
bool Gemm(const GemmArgs<T>& g, ThreadPool& pool, GemmIsa isa, const StopFn& stop) {
  return GemmWith(g, pool, KernelFor<T>(isa), stop);
}

template <typename T>
bool GemmWith(const GemmArgs<T>& g, ThreadPool& pool, const GemmKernel<T>& kern, const StopFn& stop) {
  if (g.m == 0 || g.n == 0) return true;
  if (g.k == 0 || g.alpha == T(0)) {
    if (stop && stop()) return false;
    ScaleC(g, pool);
    return true;
  }
  // Equal k slices no deeper than kern.kc: a function of k alone.
  const std::size_t kc = CeilDiv(g.k, CeilDiv(g.k, kern.kc));
  const std::size_t nc = std::min(kern.nc, CeilDiv(g.n, kern.nr) * kern.nr);
  auto b_packed = AllocAligned<T>(kc * nc);
  const double flops = 2.0 * static_cast<double>(g.m) * static_cast<double>(g.n) * static_cast<double>(g.k);
  Step<T> s{&g, &kern, {}, {}, 0, 0, 0, 0, b_packed.get(), g.serial || flops < kSerialFlops};
  s.a = g.trans_a ? MatrixView<T>{g.a, 1, g.m} : MatrixView<T>{g.a, g.k, 1};
  s.b = g.trans_b ? MatrixView<T>{g.b, 1, g.k} : MatrixView<T>{g.b, g.n, 1};
  for (s.jc = 0; s.jc < g.n; s.jc += nc) {
    s.ncur = std::min(nc, g.n - s.jc);
    for (s.pc = 0; s.pc < g.k; s.pc += kc) {
      if (stop && stop()) return false;
      s.kcur = std::min(kc, g.k - s.pc);
      PackBStep(s, pool);
      ComputeStep(s, pool);
    }
  }
  return true;
}

template <typename T>
bool GemmBatch(const GemmBatchArgs<T>& g, ThreadPool& pool, const StopFn& stop) {
  const std::size_t count = g.a_offsets.size();
  const std::size_t mn = g.base.m * g.base.n;
  auto item = [&](std::size_t i, bool serial) {
    GemmArgs<T> one = g.base;
    one.a += g.a_offsets[i];
    one.b += g.b_offsets[i];
    one.c += i * mn;
    one.serial = serial;
    return Gemm(one, pool, stop);
  };
  // Few items: each product splits across the pool by itself. Many items:
  // one serial product per task, so no thread waits on a tiny parallel
  // step. Either way an item's bits do not depend on the split.
  const std::size_t threads = std::max<std::size_t>(1, pool.size());
  if (count < 2 * threads) {
    for (std::size_t i = 0; i < count; ++i) {
      if (!item(i, false)) return false;
    }
    return true;
  }
  std::atomic<bool> stopped{false};
  ParallelFor(pool, 0, count, 1, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi && !stopped.load(std::memory_order_relaxed); ++i) {
      if (!item(i, true)) stopped.store(true, std::memory_order_relaxed);
    }
  });
  return !stopped.load();
}

template bool GemmBatch<double>(const GemmBatchArgs<double>&, ThreadPool&, const StopFn&);
template bool GemmBatch<float>(const GemmBatchArgs<float>&, ThreadPool&, const StopFn&);
template bool Gemm<double>(const GemmArgs<double>&, ThreadPool&, GemmIsa, const StopFn&);
template bool Gemm<float>(const GemmArgs<float>&, ThreadPool&, GemmIsa, const StopFn&);
template bool GemmWith<double>(const GemmArgs<double>&, ThreadPool&, const GemmKernel<double>&, const StopFn&);
template bool GemmWith<float>(const GemmArgs<float>&, ThreadPool&, const GemmKernel<float>&, const StopFn&);

}  // namespace corepool
