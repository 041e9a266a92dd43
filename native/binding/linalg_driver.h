// Parallel drivers of gemv, transpose and outer on the shared pool. No
// N-API: the C++ tests call these directly. Each returns false when `stop`
// ended the work early (the output then holds a partial result).
#pragma once

#include <cstddef>

#include "gemm_driver.h"

namespace corepool {

/// y = alpha * op(A) x + beta * y with A m x n row-major; op(A) = A^T when
/// `trans`. alpha == 0 or an empty inner dimension gives y = beta * y
/// (A and x unread); beta == 0 never reads y.
template <typename T>
[[nodiscard]] bool Gemv(const T* a,
                        const T* x,
                        T* y,
                        std::size_t m,
                        std::size_t n,
                        bool trans,
                        T alpha,
                        T beta,
                        ThreadPool& pool,
                        const StopFn& stop);

/// out (cols x rows) = A^T for A (rows x cols). out == a is allowed (in
/// place; non-square goes through a scratch copy, which may throw
/// std::bad_alloc). T is an unsigned integer of the element size.
template <typename T>
[[nodiscard]] bool Transpose(
    const T* a, T* out, std::size_t rows, std::size_t cols, ThreadPool& pool, const StopFn& stop);

/// out (nx x ny) = x y^T.
template <typename T>
[[nodiscard]] bool Outer(
    const T* x, const T* y, T* out, std::size_t nx, std::size_t ny, ThreadPool& pool, const StopFn& stop);

}  // namespace corepool
