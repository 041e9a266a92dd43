// Cache-blocked, parallel GEMM on the shared pool: C = alpha*op(A)*op(B) +
// beta*C, row-major, following the linear algebra contract. No N-API here:
// the C++ tests call it directly.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "../kernels/matmul.h"
#include "../pool/thread_pool.h"

namespace corepool {

template <typename T>
struct GemmArgs {
  const T* a;  // m x k, or k x m when trans_a
  const T* b;  // k x n, or n x k when trans_b
  T* c;        // m x n; must not overlap a or b
  std::size_t m;
  std::size_t k;
  std::size_t n;
  bool trans_a;
  bool trans_b;
  T alpha;
  T beta;
  bool serial = false;  // run on the calling thread alone (one item of a parallel batch)
};

/// A batch of products with one shape: item i multiplies the A at
/// a + a_offsets[i] by the B at b + b_offsets[i] into c + i*m*n. Offsets
/// repeat where numpy broadcasts a batch dimension.
template <typename T>
struct GemmBatchArgs {
  GemmArgs<T> base;  // a, b, c: the start of the whole arrays
  std::vector<std::size_t> a_offsets;
  std::vector<std::size_t> b_offsets;
};

/// Polled between phases, from any thread; true stops the product early.
using StopFn = std::function<bool()>;

/// Runs the product on `pool` with the `isa` kernel family. Returns false
/// when `stop` ended it early (C then holds a partial result). Throws
/// std::bad_alloc / std::runtime_error on failure. The result is the same
/// for every pool size: the k blocking depends on the sizes only.
template <typename T>
[[nodiscard]] bool Gemm(const GemmArgs<T>& args, ThreadPool& pool, GemmIsa isa, const StopFn& stop);

/// Gemm with an explicit kernel and blocking (tests and tuning runs).
template <typename T>
[[nodiscard]] bool GemmWith(const GemmArgs<T>& args, ThreadPool& pool, const GemmKernel<T>& kernel, const StopFn& stop);

/// Gemm with the best kernel family for this CPU.
template <typename T>
[[nodiscard]] bool Gemm(const GemmArgs<T>& args, ThreadPool& pool, const StopFn& stop) {
  return Gemm(args, pool, GemmBestIsa(), stop);
}

/// Runs every product of the batch: one item per pool task when the batch
/// has enough items to fill the pool, else item after item, each parallel.
/// Each item's bits equal those of Gemm on it alone, for any pool size.
template <typename T>
[[nodiscard]] bool GemmBatch(const GemmBatchArgs<T>& args, ThreadPool& pool, const StopFn& stop);

}  // namespace corepool
