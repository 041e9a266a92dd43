// Splits the level-2 kernels of native/kernels/linalg.h over the pool.
// Blocks hold ~64K elements (256-512 KiB of traffic): large enough that the
// pool's per-block claim is noise (8K-element blocks measured slower), small
// enough to balance; inputs under one block run on the calling thread.
#include "linalg_driver.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>

#include "../kernels/linalg.h"
#include "../pool/parallel.h"

namespace corepool {
namespace {

constexpr std::size_t kBlockElements = 65536;

/// Rows per block so that a block touches about kBlockElements elements.
std::size_t RowsPerBlock(std::size_t row_length) {
  return std::max<std::size_t>(1, kBlockElements / std::max<std::size_t>(1, row_length));
}

/// Runs body(lo, hi) over [0, count) unless stop() says otherwise; returns
/// false when any block was skipped.
template <typename Body>
bool StoppableFor(ThreadPool& pool, std::size_t count, std::size_t block, const StopFn& stop, Body&& body) {
  std::atomic<bool> stopped{false};
  ParallelFor(pool, 0, count, block, [&](std::size_t lo, std::size_t hi) {
    if (stopped.load(std::memory_order_relaxed) || (stop && stop())) {
      stopped.store(true, std::memory_order_relaxed);
      return;
    }
    body(lo, hi);
  });
  return !stopped.load();
}

}  // namespace

template <typename T>
bool Gemv(const T* a,
          const T* x,
          T* y,
          std::size_t m,
          std::size_t n,
          bool trans,
          T alpha,
          T beta,
          ThreadPool& pool,
          const StopFn& stop) {
  const std::size_t out_len = trans ? n : m;
  const std::size_t inner = trans ? m : n;
  if (alpha == T(0) || inner == 0) {
    return StoppableFor(pool, out_len, kBlockElements, stop, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) y[i] = beta == T(0) ? T(0) : beta * y[i];
    });
  }
  if (!trans) {
    return StoppableFor(pool, m, RowsPerBlock(n), stop, [&](std::size_t lo, std::size_t hi) {
      GemvRows(a, x, y, n, alpha, beta, lo, hi);
    });
  }
  // Column strips of 512: each block streams 4 KiB of every row of A (one
  // page), so the prefetcher keeps up; narrower strips measured 2-4x slower.
  const std::size_t cols = 512;
  return StoppableFor(
      pool, n, cols, stop, [&](std::size_t lo, std::size_t hi) { GemvColumns(a, x, y, m, n, alpha, beta, lo, hi); });
}

template <typename T>
bool Transpose(const T* a, T* out, std::size_t rows, std::size_t cols, ThreadPool& pool, const StopFn& stop) {
  if (rows == 0 || cols == 0) return true;
  if (a == out && rows == cols) {
    const std::size_t tiles = (rows + kTransposeTile - 1) / kTransposeTile;
    return StoppableFor(
        pool, tiles, 1, stop, [&](std::size_t lo, std::size_t hi) { TransposeSquareTiles(out, rows, lo, hi); });
  }
  std::unique_ptr<T[]> scratch;
  if (a == out) {
    scratch.reset(new T[rows * cols]);  // std::bad_alloc reaches the caller
    std::memcpy(scratch.get(), a, rows * cols * sizeof(T));
    a = scratch.get();
  }
  const std::size_t block = std::max(kTransposeTile, RowsPerBlock(cols) / kTransposeTile * kTransposeTile);
  return StoppableFor(
      pool, rows, block, stop, [&](std::size_t lo, std::size_t hi) { TransposeRows(a, out, rows, cols, lo, hi); });
}

template <typename T>
bool Outer(const T* x, const T* y, T* out, std::size_t nx, std::size_t ny, ThreadPool& pool, const StopFn& stop) {
  if (ny == 0) return true;
  return StoppableFor(
      pool, nx, RowsPerBlock(ny), stop, [&](std::size_t lo, std::size_t hi) { OuterRows(x, y, out, ny, lo, hi); });
}

template bool Gemv<double>(
    const double*, const double*, double*, std::size_t, std::size_t, bool, double, double, ThreadPool&, const StopFn&);
template bool Gemv<float>(
    const float*, const float*, float*, std::size_t, std::size_t, bool, float, float, ThreadPool&, const StopFn&);
template bool Transpose<std::uint64_t>(
    const std::uint64_t*, std::uint64_t*, std::size_t, std::size_t, ThreadPool&, const StopFn&);
template bool Transpose<std::uint32_t>(
    const std::uint32_t*, std::uint32_t*, std::size_t, std::size_t, ThreadPool&, const StopFn&);
template bool Outer<double>(
    const double*, const double*, double*, std::size_t, std::size_t, ThreadPool&, const StopFn&);
template bool Outer<float>(const float*, const float*, float*, std::size_t, std::size_t, ThreadPool&, const StopFn&);

}  // namespace corepool
