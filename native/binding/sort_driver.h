// The native sort family without N-API: each entry point runs its parallel
// phases with ParallelFor on `pool` (the bindings pass ThreadPool::Shared()) and may be called from the
// JS thread (sync twins) or from inside a pool block (async calls). Core
// group: the C++ tests link it without Node.
//
// Failures throw (std::bad_alloc for scratch, std::runtime_error from a failed
// block); the bindings turn them into coded errors. `stop` is polled between
// chunks and buckets; a call returns false when it stopped early, and its
// outputs are then unspecified.
#pragma once

#include <cstddef>
#include <functional>

#include "../kernels/dtype.h"
#include "../pool/thread_pool.h"

namespace corepool {

/// Returns true once the caller wants the work abandoned. Any thread.
using SortStop = std::function<bool()>;

/// An index output: Uint32Array data (f64 == false) or Float64Array data.
struct IndexOut {
  void* data = nullptr;
  bool f64 = false;
};

/// Stable in-place sort of n elements of `dtype` at data (numpy order).
/// Polls `stop` only before it starts writing, so `data` is never left half
/// sorted: it is either untouched (returns false) or fully sorted.
bool SortInPlace(ThreadPool& pool, void* data, std::size_t n, Dtype dtype, bool descending, const SortStop& stop);

/// Stable argsort of data into out (n indices); data is not modified.
bool Argsort(ThreadPool& pool,
             const void* data,
             std::size_t n,
             Dtype dtype,
             bool descending,
             IndexOut out,
             const SortStop& stop);

/// Stable 3-way partition around the element at sorted position k (k < n).
bool Partition(ThreadPool& pool,
               const void* data,
               std::size_t n,
               Dtype dtype,
               std::size_t k,
               void* values,
               IndexOut indices,
               const SortStop& stop);

/// The first k entries of the stable sort (descending when largest), k <= n.
bool Topk(ThreadPool& pool,
          const void* data,
          std::size_t n,
          Dtype dtype,
          std::size_t k,
          bool largest,
          void* values,
          IndexOut indices,
          const SortStop& stop);

/// numpy.searchsorted of m values in the n sorted elements (same dtype).
bool SearchSorted(ThreadPool& pool,
                  const void* sorted,
                  std::size_t n,
                  const void* values,
                  std::size_t m,
                  Dtype dtype,
                  bool right,
                  IndexOut out,
                  const SortStop& stop);

}  // namespace corepool
